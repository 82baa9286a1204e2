package io.gatehouse.e2e.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.WebElement;

/**
 * The console's acceptance, played against the running {@code ./gatehouse dev}: a person who has never seen
 * Gatehouse signs up in the browser, follows the getting-started checklist with the values and commands the console
 * shows (identity provider, server, scope and binding, enrollment token; the enroll, start and call commands run in
 * a terminal exactly as shown), and finds the protected call in the audit explorer, all within 5 minutes.
 */
final class NewcomerAcceptance {
    static final Duration WITHIN = Duration.ofMinutes(5);
    static final String PASSWORD = "a newcomer's passphrase";

    private final Path root;
    private final Path state;
    private final String console;
    private final StringBuilder terminal = new StringBuilder();
    /** The newcomer's data plane once started: stopped whatever happens, also when the journey fails. */
    private Process dataPlane;

    NewcomerAcceptance(Path root, Path state, Map<String, String> env) {
        this.root = root;
        this.state = state;
        this.console = env.get("GATEHOUSE_CONSOLE_URL");
    }

    /** Plays the newcomer; returns how long it took. */
    Duration play() throws Exception {
        Instant start = Instant.now();
        try (ConsoleBrowser browser = new ConsoleBrowser()) {
            try {
                journey(browser);
            } catch (AssertionError | RuntimeException e) {
                browser.screenshot("newcomer-failure");
                throw new AssertionError("newcomer journey failed; terminal:\n" + terminal, e);
            }
            Duration took = Duration.between(start, Instant.now());
            assertThat(took)
                    .as("sign-up to a protected call in the audit explorer")
                    .isLessThan(WITHIN);
            return took;
        } finally {
            if (dataPlane != null) {
                stop(dataPlane);
            }
        }
    }

    private void journey(ConsoleBrowser browser) throws Exception {
        // Sign up: a new organisation, not the demo tenant.
        String email = "newcomer-" + UUID.randomUUID() + "@example.test";
        browser.open(console + "/signup");
        browser.type("tenantName", "Newcomer Inc");
        browser.type("email", email);
        browser.type("password", PASSWORD);
        browser.type("confirm", PASSWORD);
        browser.click("sign-up");
        assertThat(browser.text("onboarding-summary")).isEqualTo("0 of 7 steps done");
        String issuer = browser.text("dev-issuer");
        String discovery = browser.text("dev-discovery");
        String audience = browser.text("dev-audience");
        String upstream = browser.text("dev-upstream");
        String scope = browser.text("dev-scopes").split(" ")[0];
        browser.screenshot("30-newcomer-get-started");

        // 1. the identity provider the checklist suggests
        browser.click("step-identity-provider-go");
        browser.click("create");
        browser.type("idp-name", "Dev OIDC issuer");
        browser.type("idp-issuer", issuer);
        browser.type("idp-discoveryUri", discovery);
        browser.type("idp-audience", audience);
        browser.click("dialog-save");
        assertThat(browser.gridText("list")).contains(issuer);

        // 2 and 3. the demo MCP server, approved right away
        browser.open(console + "/");
        browser.click("step-server-go");
        browser.click("create");
        browser.type("server-name", "demo");
        browser.type("server-upstreamUrl", upstream);
        browser.choose("server-status", "approved");
        browser.click("dialog-save");
        assertThat(browser.gridText("list")).contains(upstream).contains("approved");

        // 4. a scope the dev issuer grants, and echo bound to it
        browser.open(console + "/scopes");
        browser.click("create");
        browser.type("scope-name", scope);
        browser.click("dialog-save");
        browser.open(console + "/");
        browser.click("step-binding-go");
        browser.click("create");
        browser.choose("binding-server", "demo (demo)");
        browser.type("binding-toolPattern", "echo");
        browser.choose("binding-requiredScopes", scope);
        browser.click("dialog-save");
        assertThat(browser.gridText("list")).contains("echo").contains(scope);

        // 5. the enrollment token with its enroll and start commands, pasted into a terminal
        browser.open(console + "/");
        assertThat(browser.text("onboarding-summary")).isEqualTo("4 of 7 steps done");
        browser.click("step-enroll-go");
        browser.click("dialog-save");
        String enroll = browser.value("enroll-command");
        String startCommand = browser.value("start-command");
        browser.screenshot("31-newcomer-enroll-commands");
        browser.click("secret-done");
        assertThat(enroll).startsWith("./gatehouse data-plane enroll --control-plane http://localhost:8080 --token ");
        Run enrolled = run(enroll, Duration.ofMinutes(2));
        assertThat(enrolled.exit()).as("enroll: %s", enrolled.output()).isZero();
        dataPlane = background(startCommand, state.resolve("newcomer-data-plane.log"));

        // 6. the checklist sees the agent come online by itself (it polls)
        browser.open(console + "/");
        browser.await(
                Duration.ofMinutes(2),
                d -> "true".equals(d.findElement(By.id("step-agent-online")).getAttribute("data-done")));

        // 7. the call command, run until the gateway answers with the echo (the first bundle may still be on its way)
        browser.click("step-call-go");
        String call = browser.value("call-command");
        browser.screenshot("32-newcomer-call-command");
        browser.click("command-close");

        // 7a. the first call is refused: the data plane hides a server's tools until an admin approves them. It
        // fetched the list itself and reported it; the newcomer approves what it found in MCP servers -> Tools.
        Run refused = run(call, Duration.ofSeconds(60));
        assertThat(refused.output())
                .as("the first call, before the tools are approved")
                .contains("TOOL_NOT_APPROVED");
        browser.open(console + "/servers");
        browser.await(Duration.ofMinutes(1), d -> {
            browser.click(By.cssSelector("vaadin-button.row-tools[data-server='demo']"));
            if (browser.gridText("tools-grid").contains("echo")) {
                return true;
            }
            browser.click("tools-close");
            return false;
        });
        browser.screenshot("32a-newcomer-approve-tools");
        browser.click("tools-approve");
        browser.click(By.cssSelector("vaadin-confirm-dialog[opened] vaadin-button[slot='confirm-button']"));
        browser.click("tools-close");

        Instant callDeadline = Instant.now().plusSeconds(60);
        Run called;
        do {
            called = run(call, Duration.ofSeconds(60));
            if (called.output().contains("hello through Gatehouse")) {
                break;
            }
            Thread.sleep(1000);
        } while (Instant.now().isBefore(callDeadline));
        assertThat(called.output()).as("the call through the gateway").contains("hello through Gatehouse");

        // 8. the checklist ticks the call when its audit record arrives
        browser.open(console + "/");
        browser.await(
                Duration.ofMinutes(2),
                d -> "true".equals(d.findElement(By.id("step-call")).getAttribute("data-done")));
        assertThat(browser.text("onboarding-summary")).isEqualTo("7 of 7 steps done");
        browser.screenshot("33-newcomer-all-done");

        // 9. the call in the audit explorer, and its detail
        browser.open(console + "/audit");
        browser.type("filter-tool", "echo");
        Thread.sleep(1000); // the text filters apply after a short pause in typing
        browser.settle();
        browser.choose("filter-decision", "ALLOW");
        assertThat(browser.gridText("audit-list"))
                .contains("echo")
                .contains("ALLOW")
                .contains("demo");
        browser.screenshot("34-audit-explorer");
        browser.await(Duration.ofSeconds(30), d -> {
            WebElement cell = d.findElements(By.cssSelector("#audit-list vaadin-grid-cell-content")).stream()
                    .filter(c -> c.getText().trim().equals("echo"))
                    .findFirst()
                    .orElse(null);
            if (cell == null) {
                return false;
            }
            if (d.findElements(By.id("detail-decision")).isEmpty()) {
                try {
                    cell.click();
                } catch (ElementClickInterceptedException opening) {
                    // the detail dialog of the previous click is opening over the grid
                }
            }
            return !d.findElements(By.id("detail-decision")).isEmpty();
        });
        browser.settle();
        assertThat(browser.text("detail-decision")).isEqualTo("ALLOW");
        assertThat(browser.text("detail-tool")).isEqualTo("echo");
        assertThat(browser.text("detail-server")).isEqualTo("demo");
        assertThat(browser.text("detail-status")).isEqualTo("200");
        assertThat(browser.text("detail-principal")).isEqualTo("gatehouse-dev");
        browser.screenshot("35-audit-call-detail");
        browser.click("detail-close");
        browser.click("verify");
        assertThat(browser.text("verify-result")).startsWith("Chain verified: ");
        browser.click("verify-close");

        // the fleet and the dashboard with real data (screenshots for docs/console.md)
        browser.open(console + "/fleet");
        assertThat(browser.gridText("list")).contains("online").contains("in sync");
        browser.screenshot("36-fleet");
        browser.open(console + "/dashboard");
        assertThat(Long.parseLong(browser.text("tile-calls"))).isGreaterThanOrEqualTo(1);
        assertThat(((org.openqa.selenium.JavascriptExecutor) browser.driver)
                        .executeScript("return document.getElementById('chart-top-tools').textContent;"))
                .asString()
                .contains("echo");
        browser.screenshot("37-dashboard");
    }

    record Run(int exit, String output) {}

    /** Runs what the person pasted, in the Gatehouse folder, as the shell of ./gatehouse dev's user would. */
    private Run run(String command, Duration limit) throws IOException, InterruptedException {
        Path log = Files.createTempFile(state, "terminal", ".log");
        Process p = shell(command).redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(limit.toSeconds(), TimeUnit.SECONDS);
        if (!done) {
            p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        terminal.append("$ ").append(command).append('\n').append(output).append('\n');
        return new Run(done ? p.exitValue() : -1, output);
    }

    private Process background(String command, Path log) throws IOException {
        terminal.append("$ ")
                .append(command)
                .append("   (left running; output in ")
                .append(log)
                .append(")\n");
        return shell(command).redirectOutput(log.toFile()).start();
    }

    private ProcessBuilder shell(String command) {
        ProcessBuilder builder = new ProcessBuilder("setsid", "bash", "-c", command)
                .directory(root.toFile())
                .redirectErrorStream(true);
        // the same environment ./gatehouse dev was started with (its state folder; everything is built)
        builder.environment().put("GATEHOUSE_STATE_DIR", state.toString());
        builder.environment().put("GATEHOUSE_NO_BUILD", "1");
        return builder;
    }

    /** Ctrl-C for the data plane started from the console's start command. */
    private static void stop(Process dataPlane) throws InterruptedException {
        List<ProcessHandle> all = dataPlane.toHandle().descendants().toList();
        all.forEach(ProcessHandle::destroy);
        dataPlane.destroy();
        if (!dataPlane.waitFor(30, TimeUnit.SECONDS)) {
            all.forEach(ProcessHandle::destroyForcibly);
            dataPlane.destroyForcibly();
        }
        for (ProcessHandle h : all) {
            h.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> h).join();
        }
    }
}
