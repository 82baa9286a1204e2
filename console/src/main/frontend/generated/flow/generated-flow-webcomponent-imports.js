import { injectGlobalWebcomponentCss } from 'Frontend/generated/jar-resources/theme-util.js';

import '@vaadin/vertical-layout/src/vaadin-vertical-layout.js';
import '@vaadin/form-layout/src/vaadin-form-layout.js';
import '@vaadin/form-layout/src/vaadin-form-item.js';
import '@vaadin/form-layout/src/vaadin-form-row.js';
import '@vaadin/text-field/src/vaadin-text-field.js';
import '@vaadin/tooltip/src/vaadin-tooltip.js';
import '@vaadin/password-field/src/vaadin-password-field.js';
import '@vaadin/button/src/vaadin-button.js';
import 'Frontend/generated/jar-resources/disableOnClickFunctions.js';
import '@vaadin/icons/vaadin-iconset.js';
import '@vaadin/icon/src/vaadin-icon.js';
import '@vaadin/notification/src/vaadin-notification.js';
import 'Frontend/generated/jar-resources/flow-component-renderer.js';
import 'Frontend/generated/jar-resources/flow-component-directive.js';
import '@vaadin/app-layout/src/vaadin-app-layout.js';
import '@vaadin/side-nav/src/vaadin-side-nav.js';
import '@vaadin/side-nav/src/vaadin-side-nav-item.js';
import '@vaadin/horizontal-layout/src/vaadin-horizontal-layout.js';
import '@vaadin/app-layout/src/vaadin-drawer-toggle.js';
import '@vaadin/progress-bar/src/vaadin-progress-bar.js';
import '@vaadin/common-frontend/ConnectionIndicator.js';
import 'Frontend/generated/jar-resources/ReactRouterOutletElement.tsx';

const loadOnDemand = (key) => {
  const pending = [];
  if (key === '2deafe739be12142353879b591e266eae2c120d3aad5bc43865ff8b62d96a603') {
    pending.push(import('./chunks/chunk-241ffa43d2351f88c1be44ff62cc4ff7616a78b18d84dcceaf814642984410b3.js'));
  }
  if (key === 'e7e5fdafd02f53bab982412d2794bfcd49f4591f02305ec6e144cd746bc7ab1b') {
    pending.push(import('./chunks/chunk-048099ef0cd0439b5eac6c92344bc964b5dcbbe5e861212dbace29db1804b18a.js'));
  }
  if (key === 'f66515dce516cab80e433c34c1ebc4143214d23a33f0152b24179ee357eb1d63') {
    pending.push(import('./chunks/chunk-ec4e5bc09b0b24c2ede2f5870863dcd02b443e5dde68570d81fb3697a0419c36.js'));
  }
  if (key === 'ef6060d90f3335ec1800dce921fb83e97195a6d5c2e06e1c31b314c71e33e0cc') {
    pending.push(import('./chunks/chunk-247582ebf47c2531e29ad352a8b03ffd6d21265a0f679cbdd2a3821442c74951.js'));
  }
  if (key === 'dfd66500582b77d28eb59441dda29a4cc1cb2bd30d077788db2380ec00d31393') {
    pending.push(import('./chunks/chunk-8de7f087bf106ded1b47ea077183a0dc9f3f2871845ee216af025245582f65d2.js'));
  }
  if (key === 'a661da1c81615336fe5fe923e7dc8a867d95ff4419d4588ea399670b8573e4d8') {
    pending.push(import('./chunks/chunk-da4423d38a3e195d03a2c89ff39262fbe35b43b84dbd338d06e3afe7fbd6cd77.js'));
  }
  if (key === '99c547178de9165e3edf0f392a2c5dbe01108039f2aa2a5b1a16f27d655eb653') {
    pending.push(import('./chunks/chunk-dfb6bfe4450b640d2d94fd01368ae8ade2d14dfdf3331b029009ca50ea7a24fb.js'));
  }
  if (key === '65260ef231ddead7bd6a3a3c66d4f343a578f346e51cced0f36b134a12e34744') {
    pending.push(import('./chunks/chunk-7660ff16329d5372f61709cebdae2233bdd95bc5d33affb684f9b5dd0967b62c.js'));
  }
  if (key === '4ff61e63dee9ab00dde9ff8647c6fdb0b00278f0b11ce042069bfc0584f7b9b6') {
    pending.push(import('./chunks/chunk-dfb6bfe4450b640d2d94fd01368ae8ade2d14dfdf3331b029009ca50ea7a24fb.js'));
  }
  if (key === '195143292c5154261d188fd6b935567453b313f4ffcde0ea898af479473ab945') {
    pending.push(import('./chunks/chunk-ec4e5bc09b0b24c2ede2f5870863dcd02b443e5dde68570d81fb3697a0419c36.js'));
  }
  if (key === 'e975cf01a9ab27998569123cd1e3fff285d95bcb09176a3aac3327cb57bb97be') {
    pending.push(import('./chunks/chunk-048099ef0cd0439b5eac6c92344bc964b5dcbbe5e861212dbace29db1804b18a.js'));
  }
  if (key === 'aa77638211c133fe34715f20887a0eff0a2ab6815abf2cf56a869a90690918da') {
    pending.push(import('./chunks/chunk-c5046e4fdf946858b51c21e1f6252c1eafa4e6ac0b73f5ecf7b7a1ba3d345171.js'));
  }
  if (key === 'b402ccc9399a0dbf55b6ce24666c07929f2f0e02c447778a2240f77c6d12d076') {
    pending.push(import('./chunks/chunk-048099ef0cd0439b5eac6c92344bc964b5dcbbe5e861212dbace29db1804b18a.js'));
  }
  if (key === '1c044a52e5a9cac9eb03850cc8e0385a79d5292072840468232521a400badef6') {
    pending.push(import('./chunks/chunk-7f7566b24b299bfd28010b6d7304e46db87246f0be79bd91ef0c914d41d3a5ef.js'));
  }
  if (key === '456492e84afc862b05c7cc8cf856d38f0b9cfe62cf801472ab3742264dcbc799') {
    pending.push(import('./chunks/chunk-01b36c41b9db099bebb88ae47c3c791bf2c98c74aac8d562a4946a8cc1b0849a.js'));
  }
  return Promise.all(pending);
}
window.Vaadin = window.Vaadin || {};
window.Vaadin.Flow = window.Vaadin.Flow || {};
window.Vaadin.Flow.loadOnDemand = loadOnDemand;
window.Vaadin.Flow.resetFocus = () => {
 let ae=document.activeElement;
 while(ae&&ae.shadowRoot) ae = ae.shadowRoot.activeElement;
 return !ae || ae.blur() || ae.focus() || true;
}