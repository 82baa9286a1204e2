package io.gatehouse.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.protocol.api.Invitation;
import io.gatehouse.protocol.api.InvitationAcceptRequest;
import io.gatehouse.protocol.api.InvitationRequest;
import io.gatehouse.protocol.api.KillSwitch;
import io.gatehouse.protocol.api.Role;
import io.gatehouse.protocol.api.SignupRequest;
import io.gatehouse.protocol.api.ToolBinding;
import io.gatehouse.sdk.Gatehouse;
import io.gatehouse.sdk.ListParams;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;

/**
 * The console in headless Chromium against the real control plane on embedded PostgreSQL: a new
 * tenant signs up, registers a server, binds its tools, engages and lifts a kill switch, creates an
 * enrollment token; then a viewer and an auditor see what their roles allow. Every step is checked
 * in the browser and, where it changes state, through the SDK.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {
    static final String PASSWORD = "correct horse battery staple";
    static Browser browser;
    static String console;
    static String ownerEmail;
    static Gatehouse owner;

    @BeforeAll
    static void start() {
        console = Console.url();
        browser = Browser.get();
    }

    @Test
    @Order(1)
    void signUpValidatesAsYouTypeAndShowsApiErrorsAtTheirField() {
        String taken = "taken-" + UUID.randomUUID() + "@example.test";
        anonymous().auth().signup(new SignupRequest("Someone else", taken, PASSWORD));

        browser.open(console + "/signup");
        browser.type("tenantName", "Acme");
        browser.type("email", taken);
        browser.type("password", "too short");
        assertThat(browser.fieldError("password")).isEqualTo("The password needs at least 12 characters");
        browser.type("password", PASSWORD);
        browser.type("confirm", PASSWORD);
        assertThat(browser.fieldError("password")).isEmpty();
        browser.screenshot("01-signup");
        browser.click("sign-up");
        assertThat(browser.fieldError("email")).isEqualTo("is already registered");

        ownerEmail = "owner-" + UUID.randomUUID() + "@example.test";
        browser.type("email", ownerEmail);
        browser.click("sign-up");
        assertThat(browser.text("onboarding-summary")).isEqualTo("0 of 7 steps done");
        assertThat(browser.text("signed-in-as")).contains(ownerEmail).contains("owner");
        browser.screenshot("02-get-started");
        owner = anonymous()
                .withToken(anonymous()
                        .auth()
                        .login(new io.gatehouse.protocol.api.LoginRequest(ownerEmail, PASSWORD, null))
                        .token());
    }

    @Test
    @Order(2)
    void registerAnApprovedServer() {
        browser.open(console + "/servers");
        browser.click("create");
        browser.type("server-name", "files");
        browser.type("server-upstreamUrl", "not a url");
        assertThat(browser.fieldError("server-upstreamUrl")).isEqualTo("Enter an absolute http:// or https:// URL");
        browser.type("server-upstreamUrl", "http://127.0.0.1:9/mcp");
        browser.choose("server-status", "approved");
        browser.screenshot("03-register-server");
        browser.click("dialog-save");
        assertThat(browser.gridText("list"))
                .contains("files")
                .contains("http://127.0.0.1:9/mcp")
                .contains("approved");
        browser.screenshot("04-servers");
        assertThat(owner.servers().list().items())
                .singleElement()
                .satisfies(s -> assertThat(s.status().wire()).isEqualTo("approved"));
    }

    @Test
    @Order(3)
    void bindToolsToAScope() {
        browser.open(console + "/scopes");
        browser.click("create");
        browser.type("scope-name", "files:read");
        browser.click("dialog-save");
        assertThat(browser.gridText("list")).contains("files:read");

        browser.open(console + "/tool-bindings");
        browser.click("create");
        browser.choose("binding-server", "files (files)");
        browser.type("binding-toolPattern", "read_*");
        browser.choose("binding-requiredScopes", "files:read");
        browser.click("dialog-save");
        assertThat(browser.gridText("list")).contains("read_*").contains("files:read");
        browser.screenshot("05-tool-bindings");
        List<ToolBinding> bindings = owner.toolBindings().list().items();
        assertThat(bindings).singleElement().satisfies(b -> {
            assertThat(b.toolPattern()).isEqualTo("read_*");
            assertThat(b.requiredScopes()).containsExactly("files:read");
        });
    }

    @Test
    @Order(4)
    void engageAndLiftAKillSwitchWithOneClick() {
        browser.open(console + "/servers");
        browser.click(By.cssSelector("vaadin-button.row-kill"));
        browser.click("dialog-save");
        assertThat(browser.fieldError("kill-reason")).startsWith("Say why");
        browser.type("kill-reason", "incident 4711: files leaks data");
        browser.screenshot("06-kill-switch-confirm");
        browser.click("dialog-save");
        List<KillSwitch> active = owner.killSwitches()
                .list(ListParams.create().filter("active", "true"))
                .items();
        assertThat(active).singleElement().satisfies(k -> {
            assertThat(k.reason()).isEqualTo("incident 4711: files leaks data");
            assertThat(k.scope().wire()).isEqualTo("server");
        });

        browser.open(console + "/kill-switches");
        assertThat(browser.gridText("list")).contains("ENGAGED").contains("incident 4711");
        browser.screenshot("07-kill-switches");
        browser.click(By.cssSelector("vaadin-button.row-lift"));
        browser.click(By.cssSelector("vaadin-confirm-dialog vaadin-button[slot='confirm-button']"));
        assertThat(owner.killSwitches()
                        .list(ListParams.create().filter("active", "true"))
                        .items())
                .isEmpty();
        assertThat(browser.gridText("list")).doesNotContain("ENGAGED");
    }

    @Test
    @Order(5)
    void onboardingCreatesAnEnrollmentTokenAndShowsTheExactCommand() {
        browser.open(console + "/");
        browser.click("step-enroll-go");
        browser.click("dialog-save");
        String command = browser.value("enroll-command");
        assertThat(command)
                .matches("\\./gatehouse data-plane enroll --control-plane "
                        + ControlPlane.get().baseUrl() + " --token ghe_\\S+");
        browser.screenshot("08-enroll-command");
        browser.click("secret-done");
        // server, approval, binding and enrollment are done; the identity provider is not
        assertThat(browser.text("onboarding-summary")).isEqualTo("4 of 7 steps done");
        assertThat(browser.byId("step-identity-provider").getAttribute("data-done"))
                .isEqualTo("false");
        assertThat(browser.byId("step-enroll").getAttribute("data-done")).isEqualTo("true");
        assertThat(owner.enrollmentTokens().list().items()).hasSize(1);
        browser.screenshot("09-get-started-progress");
    }

    @Test
    @Order(6)
    void aViewerSeesConfigurationButNoEditControls() {
        Invitation invitation = owner.invitations()
                .create(new InvitationRequest("viewer-" + UUID.randomUUID() + "@example.test", Role.VIEWER));
        browser.click("sign-out");
        browser.open(console + "/accept-invitation?token=" + invitation.token());
        browser.type("password", PASSWORD);
        browser.click("accept");
        assertThat(browser.text("signed-in-as")).endsWith("viewer");
        assertThat(browser.gridText("list")).contains("files");
        assertThat(browser.all(By.id("create"))).isEmpty();
        assertThat(browser.all(By.cssSelector(".row-edit, .row-delete, .row-kill")))
                .isEmpty();
        String menu = browser.byId("menu").getText();
        assertThat(menu).contains("MCP servers").doesNotContain("Members").doesNotContain("Activity");
        browser.screenshot("10-viewer-servers");

        browser.open(console + "/kill-switches");
        assertThat(browser.all(By.id("create"))).isEmpty();
        browser.open(console + "/members");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/servers");
        browser.click("sign-out");
    }

    @Test
    @Order(7)
    void anAuditorSeesOnlyTheActivityLog() {
        String email = "auditor-" + UUID.randomUUID() + "@example.test";
        Invitation invitation = owner.invitations().create(new InvitationRequest(email, Role.AUDITOR));
        anonymous().auth().acceptInvitation(new InvitationAcceptRequest(invitation.token(), PASSWORD));

        browser.open(console + "/login");
        browser.type("email", email);
        browser.type("password", "wrong password here");
        browser.click("sign-in");
        assertThat(browser.fieldError("password")).isEqualTo("Email or password is not right");
        browser.type("password", PASSWORD);
        browser.click("sign-in");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/dashboard");
        assertThat(browser.byId("menu").getText()).contains("Activity").doesNotContain("MCP servers");
        browser.open(console + "/activity");
        assertThat(browser.gridText("list"))
                .contains("kill-switch")
                .contains("lift")
                .contains("server");
        browser.screenshot("11-auditor-activity");
        browser.open(console + "/servers");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/dashboard");
        browser.click("sign-out");
    }

    private static Gatehouse anonymous() {
        return Gatehouse.builder().baseUrl(ControlPlane.get().baseUrl()).build();
    }
}
