/** Vaadin web console; talks to the control plane only through the SDK. */
package io.gatehouse.console;
