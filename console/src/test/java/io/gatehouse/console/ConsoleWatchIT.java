package io.gatehouse.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.protocol.api.DataPlaneGroupRequest;
import io.gatehouse.protocol.api.Invitation;
import io.gatehouse.protocol.api.InvitationAcceptRequest;
import io.gatehouse.protocol.api.InvitationRequest;
import io.gatehouse.protocol.api.LoginRequest;
import io.gatehouse.protocol.api.Role;
import io.gatehouse.protocol.api.SignupRequest;
import io.gatehouse.sdk.Gatehouse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The watch screens in headless Chromium against the real control plane (the {@link ConsoleIT} fixture: one
 * PostgreSQL, control plane, console and browser per JVM): the fleet view with its groups' bundle state, the audit
 * explorer's filters, export download and chain proof, the dashboard's server-rendered charts, and an auditor who
 * sees the audit screens only. This fixture has no Pulsar, so no data plane reports in and no call is recorded;
 * {@code GatehouseDevIT} in e2e plays the same screens with a real agent and real calls.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleWatchIT {
    static final String PASSWORD = "correct horse battery staple";
    static Browser browser;
    static String console;
    static Gatehouse owner;
    static String ownerEmail;

    @BeforeAll
    static void start() {
        console = Console.url();
        browser = Browser.get();
        ownerEmail = "watch-" + UUID.randomUUID() + "@example.test";
        anonymous().auth().signup(new SignupRequest("Watchers", ownerEmail, PASSWORD));
        owner = anonymous()
                .withToken(anonymous()
                        .auth()
                        .login(new LoginRequest(ownerEmail, PASSWORD, null))
                        .token());
        signIn(ownerEmail);
    }

    @Test
    @Order(1)
    void fleetViewShowsEachGroupsBundleAndTheAgents() {
        browser.open(console + "/fleet");
        assertThat(browser.text("fleet-bundles")).isEqualTo("No data-plane group yet.");
        assertThat(rows("list")).isZero();
        owner.dataPlaneGroups().create(new DataPlaneGroupRequest("edge", "ConsoleWatchIT", "http://localhost:9190"));
        browser.open(console + "/fleet");
        // no master key in this fixture: nothing is compiled, so the group has no bundle yet
        assertThat(browser.text("fleet-bundles")).isEqualTo("edge: no bundle yet");
        assertThat(browser.byId("menu").getText())
                .contains("Fleet")
                .contains("Audit explorer")
                .contains("Dashboard");
        browser.screenshot("20-fleet-empty");
    }

    @Test
    @Order(2)
    void auditExplorerFiltersExportsAndVerifies() throws Exception {
        browser.open(console + "/audit?tool=echo&decision=DENY");
        assertThat(browser.value("filter-tool")).isEqualTo("echo");
        assertThat(browser.text("filter-decision")).contains("DENY");
        assertThat(rows("audit-list")).isZero();
        browser.type("filter-text", "nothing-matches-this");
        assertThat(browser.text("page-label")).isEqualTo("Page 1");
        browser.screenshot("21-audit-explorer-filters");

        String href = browser.byId("export-csv").getAttribute("href");
        HttpResponse<String> csv = download(href);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElse(""))
                .contains("attachment")
                .containsPattern("audit-\\d{8}T\\d{4}Z\\.csv");
        HttpResponse<String> jsonl = download(browser.byId("export-jsonl").getAttribute("href"));
        assertThat(jsonl.statusCode()).isEqualTo(200);
        assertThat(jsonl.body()).as("no call matches").isEmpty();

        browser.click("verify");
        assertThat(browser.text("verify-result")).isEqualTo("Chain verified: 0 batches, 0 records, 0 agents");
        browser.screenshot("22-audit-verify");
        browser.click("verify-close");
    }

    @Test
    @Order(3)
    void dashboardDrawsItsChartsOnTheServer() {
        browser.open(console + "/dashboard");
        assertThat(browser.text("tile-calls")).isEqualTo("0");
        assertThat(browser.text("tile-denied")).isEqualTo("0");
        assertThat(browser.text("tile-redacted")).isEqualTo("0");
        JavascriptExecutor js = (JavascriptExecutor) browser.driver;
        Object series = js.executeScript("return Array.from(document.querySelectorAll('#chart-over-time polyline'))"
                + ".map(p => p.getAttribute('data-series') + '=' + p.getAttribute('data-total')).join(',');");
        assertThat(series).isEqualTo("calls=0,denies=0,redactions=0");
        assertThat(browser.text("chart-top-tools")).contains("No calls in this range");
        browser.choose("dashboard-range", "Last 7 days");
        assertThat(browser.text("dashboard-note")).startsWith("One point per 6048 s");
        browser.screenshot("23-dashboard-empty");
    }

    @Test
    @Order(4)
    void anAuditorSeesTheAuditScreensOnly() {
        String email = "auditor-" + UUID.randomUUID() + "@example.test";
        Invitation invitation = owner.invitations().create(new InvitationRequest(email, Role.AUDITOR));
        anonymous().auth().acceptInvitation(new InvitationAcceptRequest(invitation.token(), PASSWORD));
        browser.click("sign-out");
        signIn(email);
        assertThat(browser.driver.getCurrentUrl()).endsWith("/dashboard");
        String menu = browser.byId("menu").getText();
        assertThat(menu)
                .contains("Dashboard")
                .contains("Audit explorer")
                .contains("Activity")
                .doesNotContain("Fleet")
                .doesNotContain("Get started");
        browser.open(console + "/fleet");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/dashboard");
        browser.open(console + "/audit");
        assertThat(browser.all(By.id("verify"))).hasSize(1);
        browser.click("sign-out");
    }

    /** How many items a Vaadin grid holds. */
    private static long rows(String gridId) {
        browser.settle();
        Object size = ((JavascriptExecutor) browser.driver)
                .executeScript("return document.getElementById(arguments[0]).size;", gridId);
        return ((Number) size).longValue();
    }

    private static void signIn(String email) {
        browser.open(console + "/login");
        if (!browser.all(By.id("sign-out")).isEmpty()) {
            browser.click("sign-out");
            browser.open(console + "/login");
        }
        browser.type("email", email);
        browser.type("password", PASSWORD);
        browser.click("sign-in");
        // signing in reloads the page at the role's home; wait for it before opening another screen
        browser.wait.until(d -> !d.getCurrentUrl().contains("/login")
                && !d.findElements(By.id("signed-in-as")).isEmpty());
        browser.settle();
    }

    /** Fetches a Vaadin download link with the browser's session cookie, as the browser would. */
    private static HttpResponse<String> download(String href) throws Exception {
        Cookie session = browser.driver.manage().getCookieNamed("JSESSIONID");
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(href))
                                .header("Cookie", "JSESSIONID=" + session.getValue())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static Gatehouse anonymous() {
        return Gatehouse.builder().baseUrl(ControlPlane.get().baseUrl()).build();
    }
}
