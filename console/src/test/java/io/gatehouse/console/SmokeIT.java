package io.gatehouse.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmokeIT {
    @Test
    void loginPageRenders() {
        Browser browser = Browser.get();
        browser.open(Console.url() + "/login");
        assertThat(browser.byId("sign-in").getText()).contains("Sign in");
        browser.screenshot("smoke-login");
    }
}
