package io.gatehouse.e2e.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.protocol.api.AuditEvent;
import io.gatehouse.protocol.api.DataPlane;
import io.gatehouse.protocol.api.KillSwitch;
import io.gatehouse.protocol.api.KillSwitchRequest;
import io.gatehouse.protocol.api.KillSwitchScope;
import io.gatehouse.protocol.api.ScopeRequest;
import io.gatehouse.protocol.api.ToolBinding;
import io.gatehouse.protocol.api.ToolBindingRequest;
import io.gatehouse.sdk.AuditQuery;
import io.gatehouse.sdk.Gatehouse;
import io.gatehouse.sdk.ListParams;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real launcher, {@code ./gatehouse dev}, as a newcomer would: it must print its ready line
 * within 90 s, write {@code dev.env}, and on Ctrl-C (SIGINT to its process group) stop every process
 * it started and free every port it used. On the same launch, {@link NewcomerAcceptance} plays the console's
 * acceptance: a new tenant signs up in the browser and sees its first protected call in the audit explorer
 * within 5 minutes.
 */
class GatehouseDevIT {

    private static final Duration READY_WITHIN = Duration.ofSeconds(90);
    private static final Pattern PORT_IN_URL = Pattern.compile("^[a-z+]+://[^/:]+:(\\d+)");

    @TempDir
    Path state;

    @Test
    void devBecomesReadyAndCtrlCLeavesNothingBehind() throws Exception {
        Path root = repositoryRoot();
        // perl (Debian's essential perl-base) restores SIGINT's default before bash starts: a shell cannot trap
        // a signal it inherits as ignored, and a test JVM started in the background of a script inherits exactly
        // that, which would turn "Ctrl-C stops everything" into a test of the harness rather than the launcher.
        ProcessBuilder builder = new ProcessBuilder(
                        "setsid",
                        "perl",
                        "-e",
                        "$SIG{INT} = 'DEFAULT'; $SIG{QUIT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\"",
                        "bash",
                        root.resolve("gatehouse").toString(),
                        "dev")
                .directory(root.toFile())
                .redirectErrorStream(true);
        builder.environment().put("GATEHOUSE_STATE_DIR", state.toString());
        builder.environment().put("GATEHOUSE_NO_BUILD", "1"); // verify has built every module already
        Process launcher = builder.start();
        List<String> output = new ArrayList<>();
        List<ProcessHandle> children;
        Map<String, String> env;
        try {
            awaitLine(launcher, output, "gatehouse dev: ready", READY_WITHIN);
            env = readEnvFile(state.resolve("dev.env"));
            assertThat(env)
                    .containsKeys(
                            "GATEHOUSE_PG_URL",
                            "GATEHOUSE_PULSAR_URL",
                            "GATEHOUSE_REDIS_URL",
                            "GATEHOUSE_API_URL",
                            "GATEHOUSE_API_TOKEN",
                            "GATEHOUSE_MCP_URL",
                            "GATEHOUSE_MCP_TOKEN",
                            "GATEHOUSE_DP_ADMIN_URL",
                            "GATEHOUSE_CONSOLE_URL");
            assertConsoleAnswers(env.get("GATEHOUSE_CONSOLE_URL"));
            assertDemoTokenWorks(env.get("GATEHOUSE_API_URL"), env.get("GATEHOUSE_API_TOKEN"));
            assertMcpCallThroughGateway(env.get("GATEHOUSE_MCP_URL"), env.get("GATEHOUSE_MCP_TOKEN"));
            assertApiChangesReachTheAgent(env);
            // the console's acceptance: a newcomer signs up and reaches a protected call in the audit explorer
            Duration took = new NewcomerAcceptance(root, state, env).play();
            System.out.println("newcomer: sign-up to the call in the audit explorer in " + took.toSeconds() + " s");
            children = launcher.toHandle().descendants().toList();
            assertThat(children).as("processes started by ./gatehouse dev").isNotEmpty();
            for (int port : portsIn(env)) {
                assertThat(isListening(port))
                        .as("port %d of dev.env is listening", port)
                        .isTrue();
            }
        } catch (AssertionError | RuntimeException e) {
            launcher.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
            throw new AssertionError("launcher output:\n" + String.join("\n", output), e);
        }

        // Ctrl-C: SIGINT to the whole foreground process group, as a terminal does.
        new ProcessBuilder("kill", "-INT", "--", "-" + launcher.pid())
                .inheritIO()
                .start()
                .waitFor();
        boolean exited = launcher.waitFor(60, TimeUnit.SECONDS);
        drain(launcher, output);
        assertThat(exited)
                .as("launcher exits after Ctrl-C; output:\n%s", String.join("\n", output))
                .isTrue();
        for (ProcessHandle child : children) {
            assertThat(child.isAlive())
                    .as("child %s after Ctrl-C", child.info().command())
                    .isFalse();
        }
        for (int port : portsIn(env)) {
            assertThat(isListening(port)).as("port %d after Ctrl-C", port).isFalse();
        }
    }

    /** The console printed by dev serves its sign-in page (Vaadin's bootstrap HTML). */
    private static void assertConsoleAnswers(String consoleUrl) throws IOException, InterruptedException {
        HttpResponse<String> login = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(consoleUrl + "/login"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as("GET %s/login", consoleUrl).isEqualTo(200);
        assertThat(login.body()).as("console page").contains("Gatehouse console");
    }

    /** The printed API token is a real token of the demo tenant: it lists servers, and a wrong one is refused. */
    private static void assertDemoTokenWorks(String apiUrl, String token) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> listed = http.send(
                HttpRequest.newBuilder(URI.create(apiUrl + "/servers"))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(listed.statusCode())
                .as("GET /servers with GATEHOUSE_API_TOKEN")
                .isEqualTo(200);
        assertThat(listed.body()).contains("\"items\"");
        HttpResponse<String> refused = http.send(
                HttpRequest.newBuilder(URI.create(apiUrl + "/servers"))
                        .header("Authorization", "Bearer " + token + "x")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).as("GET /servers with a wrong token").isEqualTo(401);
    }

    /**
     * The quick start's promise: a client with GATEHOUSE_MCP_TOKEN reaches the demo MCP server through
     * the data plane, and one without a token gets 401 with the RFC 9728 challenge.
     */
    private static void assertMcpCallThroughGateway(String mcpUrl, String token)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> initialized = http.send(
                mcpPost(mcpUrl, token, null)
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
                                        + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                                        + "\"clientInfo\":{\"name\":\"GatehouseDevIT\",\"version\":\"1\"}}}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(initialized.statusCode())
                .as("initialize: %s", initialized.body())
                .isEqualTo(200);
        String session = initialized.headers().firstValue("Mcp-Session-Id").orElseThrow();
        // the demo server's tools are pinned: the agent checks the announced list before it lets a call through
        HttpResponse<String> listed = http.send(
                mcpPost(mcpUrl, token, session)
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/list\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(listed.body()).as("tools/list through the gateway").contains("\"echo\"");
        HttpResponse<String> echoed = http.send(
                mcpPost(mcpUrl, token, session)
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{"
                                        + "\"name\":\"echo\",\"arguments\":{\"message\":\"through the gate\"}}}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(echoed.statusCode()).as("tools/call echo: %s", echoed.body()).isEqualTo(200);
        assertThat(echoed.body()).contains("through the gate");
        HttpResponse<String> anonymous = http.send(
                mcpPost(mcpUrl, null, null)
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElse(""))
                .startsWith("Bearer ")
                .contains("resource_metadata=");
    }

    /**
     * The bundle path end to end: a tool binding changed through the SDK, then a kill switch, each reach the dev
     * agent over Pulsar as a signed bundle and change what the same MCP call gets; undone, the call works again.
     * The fleet view shows the agent with the version it applied.
     */
    private static void assertApiChangesReachTheAgent(Map<String, String> env) throws Exception {
        Gatehouse api = Gatehouse.builder()
                .baseUrl(env.get("GATEHOUSE_API_URL").replaceFirst("/api/v1$", ""))
                .token(env.get("GATEHOUSE_API_TOKEN"))
                .build();
        String mcpUrl = env.get("GATEHOUSE_MCP_URL");
        String token = env.get("GATEHOUSE_MCP_TOKEN");
        String session = initialize(mcpUrl, token);
        ToolBinding echo = StreamSupport.stream(api.toolBindings().listAll().spliterator(), false)
                .filter(b -> b.toolPattern().equals("echo"))
                .findFirst()
                .orElseThrow();

        api.scopes().create(new ScopeRequest("demo:admin", "GatehouseDevIT: a scope nobody holds", List.of()));
        ToolBinding stricter = api.toolBindings()
                .update(
                        echo,
                        new ToolBindingRequest(
                                echo.serverId(), "echo", List.of("demo:admin"), echo.risk(), echo.guardedArguments()));
        awaitEcho(mcpUrl, token, session, body -> body.contains("INSUFFICIENT_SCOPE"));
        api.toolBindings()
                .update(
                        stricter,
                        new ToolBindingRequest(
                                echo.serverId(), "echo", echo.requiredScopes(), echo.risk(), echo.guardedArguments()));
        awaitEcho(mcpUrl, token, session, body -> body.contains("through the gate"));

        KillSwitch killed = api.killSwitches()
                .create(new KillSwitchRequest(KillSwitchScope.TOOL, echo.serverId(), "echo", "GatehouseDevIT"));
        awaitEcho(mcpUrl, token, session, body -> body.contains("KILL_SWITCH_ENGAGED"));
        api.killSwitches().delete(killed.id());
        awaitEcho(mcpUrl, token, session, body -> body.contains("through the gate"));

        Instant deadline = Instant.now().plusSeconds(30);
        DataPlane agent;
        do {
            agent = api.dataPlanes().list(ListParams.create()).items().get(0);
            if (!agent.drift() && agent.appliedVersion() == agent.desiredVersion()) {
                break;
            }
            Thread.sleep(200);
        } while (Instant.now().isBefore(deadline));
        assertThat(agent.drift()).as("fleet view of the dev agent: %s", agent).isFalse();
        assertThat(agent.appliedVersion()).isGreaterThanOrEqualTo(5);

        // the calls above are in the audit explorer: signed by the agent's enrolled key, shipped, ingested
        Instant auditDeadline = Instant.now().plusSeconds(60);
        List<AuditEvent> denied;
        do {
            denied = api.audit()
                    .events(AuditQuery.create().tool("echo").decision("DENY").limit(50))
                    .items();
            if (!denied.isEmpty()) {
                break;
            }
            Thread.sleep(500);
        } while (Instant.now().isBefore(auditDeadline));
        assertThat(denied).as("denied echo calls in the audit explorer").isNotEmpty();
        assertThat(denied.get(0).agentId()).isEqualTo(agent.id());
        assertThat(api.audit()
                        .verify(Instant.now().minusSeconds(3600), Instant.now())
                        .ok())
                .as("audit chain of the last hour verifies")
                .isTrue();
    }

    private static String initialize(String mcpUrl, String token) throws IOException, InterruptedException {
        HttpResponse<String> initialized = HttpClient.newHttpClient()
                .send(
                        mcpPost(mcpUrl, token, null)
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
                                                + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                                                + "\"clientInfo\":{\"name\":\"GatehouseDevIT\",\"version\":\"1\"}}}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return initialized.headers().firstValue("Mcp-Session-Id").orElseThrow();
    }

    /** Calls echo until the answer satisfies {@code expected} (the change has been applied), at most 15 s. */
    private static void awaitEcho(String mcpUrl, String token, String session, Predicate<String> expected)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plusSeconds(15);
        String body;
        do {
            body = HttpClient.newHttpClient()
                    .send(
                            mcpPost(mcpUrl, token, session)
                                    .POST(
                                            HttpRequest.BodyPublishers.ofString(
                                                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{"
                                                            + "\"name\":\"echo\",\"arguments\":{\"message\":\"through the gate\"}}}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            if (expected.test(body)) {
                return;
            }
            Thread.sleep(100);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("the agent did not apply the change within 15 s; last answer: " + body);
    }

    private static HttpRequest.Builder mcpPost(String mcpUrl, String token, String session) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(mcpUrl))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (session != null) {
            request.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25");
        }
        return request;
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("gatehouse"))) {
            dir = dir.getParent();
        }
        assertThat(dir)
                .as("repository root with ./gatehouse above %s", Path.of("").toAbsolutePath())
                .isNotNull();
        return dir;
    }

    private static void awaitLine(Process process, List<String> output, String wanted, Duration limit)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        while (Instant.now().isBefore(deadline)) {
            if (!reader.ready()) {
                if (!process.isAlive()) {
                    drain(process, output);
                    throw new AssertionError("launcher exited with " + process.exitValue() + " before ready");
                }
                Thread.sleep(100);
                continue;
            }
            String line = reader.readLine();
            if (line == null) {
                break;
            }
            output.add(line);
            if (line.startsWith(wanted)) {
                return;
            }
        }
        throw new AssertionError("no '" + wanted + "' within " + limit);
    }

    private static void drain(Process process, List<String> output) throws IOException {
        BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        while (reader.ready()) {
            String line = reader.readLine();
            if (line == null) {
                return;
            }
            output.add(line);
        }
    }

    static Map<String, String> readEnvFile(Path file) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        Pattern line = Pattern.compile("^export ([A-Z0-9_]+)='(.*)'$");
        for (String l : Files.readAllLines(file)) {
            Matcher m = line.matcher(l);
            if (m.matches()) {
                env.put(m.group(1), m.group(2));
            }
        }
        return env;
    }

    private static List<Integer> portsIn(Map<String, String> env) {
        List<Integer> ports = new ArrayList<>();
        for (String value : env.values()) {
            Matcher m = PORT_IN_URL.matcher(value);
            if (m.find()) {
                ports.add(Integer.parseInt(m.group(1)));
            } else if (value.startsWith("jdbc:")) {
                ports.add(URI.create(value.substring("jdbc:".length())).getPort());
            }
        }
        return ports;
    }

    private static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
