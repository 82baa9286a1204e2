package io.gatehouse.console.ui.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.console.ConsoleConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The commands the checklist shows: exact text, and valid bash. */
class DataPlaneCommandsTest {
    static final String TENANT = "3F2A9C10-aaaa-bbbb-cccc-1234567890ab";
    static final ConsoleConfig.Onboarding DEV = new ConsoleConfig.Onboarding(
            URI.create("http://localhost:9190"),
            "/tmp/gh state",
            "/tmp/gh state/dev.env",
            URI.create("http://127.0.0.1:9200"),
            URI.create("http://127.0.0.1:9100/mcp"));

    @Test
    void withoutOnboardingSettingsTheEnrollCommandIsThePlainOne() {
        DataPlaneCommands plain = new DataPlaneCommands("http://localhost:8080", null);
        assertThat(plain.enroll("ghe_abc", TENANT))
                .isEqualTo("./gatehouse data-plane enroll --control-plane http://localhost:8080 --token ghe_abc");
        assertThat(plain.start(TENANT))
                .isEqualTo("mkdir -p .gatehouse && cat > .gatehouse/data-plane.yml <<'EOF'\n"
                        + "# A data plane enrolled from the Gatehouse console; every key: docs/data-plane.md\n"
                        + "fleet: {stateDir: agent}\n"
                        + "listener: {host: 127.0.0.1, port: 9090}\n"
                        + "admin: {host: 127.0.0.1, port: 9091}\n"
                        + "EOF\n"
                        + "./gatehouse data-plane .gatehouse/data-plane.yml");
        assertThat(plain.routeUrl(null, "files")).isEqualTo("http://localhost:9090/mcp/files");
        assertThat(plain.routeUrl("https://gw.example.com/", "files")).isEqualTo("https://gw.example.com/mcp/files");
    }

    @Test
    void underDevEveryTenantGetsItsOwnFolderPortAndTokenCommand() throws Exception {
        DataPlaneCommands dev = new DataPlaneCommands("http://localhost:8080", DEV);
        assertThat(dev.enroll("ghe_abc", TENANT))
                .isEqualTo("./gatehouse data-plane enroll --control-plane http://localhost:8080 --token ghe_abc"
                        + " --state-dir '/tmp/gh state/data-plane-3f2a9c10/state' --name data-plane-3f2a9c10");
        assertThat(dev.start(TENANT))
                .startsWith("mkdir -p '/tmp/gh state/data-plane-3f2a9c10' && cat > "
                        + "'/tmp/gh state/data-plane-3f2a9c10/data-plane.yml' <<'EOF'\n")
                .contains("fleet: {stateDir: state}\nlistener: {host: 127.0.0.1, port: 9190}\n")
                .contains("admin: {host: 127.0.0.1, port: 9191}\n");
        String call = dev.call(dev.routeUrl(null, "demo"), "echo", "http://127.0.0.1:9200");
        assertThat(call)
                .startsWith(". '/tmp/gh state/dev.env'\nURL=http://localhost:9190/mcp/demo\n")
                .contains("--data-urlencode \"resource=$URL\" \"$GATEHOUSE_DEV_OIDC_TOKEN_URL\"")
                .contains("\"method\":\"tools/list\"")
                .endsWith("'{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                        + "\"arguments\":{\"message\":\"hello through Gatehouse\"}}}'; echo");
        assertBashSyntax(dev.start(TENANT));
        assertBashSyntax(call);
    }

    @Test
    void outsideDevTheCallCommandAsksForTheTenantsToken() throws Exception {
        DataPlaneCommands plain = new DataPlaneCommands("https://cp.example.com", null);
        String call =
                plain.call("https://gw.example.com/mcp/files", "read_file", "https://login.example.com/realms/acme");
        assertThat(call)
                .contains("TOKEN=\"${TOKEN:?set TOKEN to an access token from https://login.example.com/realms/acme"
                        + " whose aud is $URL}\"")
                .contains("\"name\":\"read_file\",\"arguments\":{}")
                .doesNotContain("GATEHOUSE_DEV");
        assertBashSyntax(call);
        // a tool name cannot break out of the quoted JSON
        String odd = plain.call("https://gw.example.com/mcp/files", "it's \"odd\"", null);
        assertThat(odd).contains("\"name\":\"it'\\''s \\\"odd\\\"\"");
        assertBashSyntax(odd);
    }

    private static void assertBashSyntax(String script) throws Exception {
        Process bash =
                new ProcessBuilder("bash", "-n").redirectErrorStream(true).start();
        bash.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
        bash.getOutputStream().close();
        assertThat(bash.waitFor(10, TimeUnit.SECONDS)).isTrue();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.exitValue()).as("bash -n: %s\n%s", output, script).isZero();
    }
}
