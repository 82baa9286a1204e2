package io.gatehouse.devstack.seed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.protocol.api.ClaimMappings;
import io.gatehouse.protocol.api.DataPlaneGroup;
import io.gatehouse.protocol.api.DataPlaneGroupRequest;
import io.gatehouse.protocol.api.EnrollmentToken;
import io.gatehouse.protocol.api.EnrollmentTokenRequest;
import io.gatehouse.protocol.api.IdentityProviderRequest;
import io.gatehouse.protocol.api.Risk;
import io.gatehouse.protocol.api.ScopeRequest;
import io.gatehouse.protocol.api.Server;
import io.gatehouse.protocol.api.ServerRequest;
import io.gatehouse.protocol.api.ServerStatus;
import io.gatehouse.protocol.api.ServerTools;
import io.gatehouse.protocol.api.ToolBindingRequest;
import io.gatehouse.protocol.api.Transport;
import io.gatehouse.protocol.api.UpstreamAuth;
import io.gatehouse.protocol.api.UpstreamAuthType;
import io.gatehouse.sdk.Gatehouse;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sets up the demo tenant of {@code ./gatehouse dev} the way an admin would, through the public API (the Java
 * SDK) only: the dev OIDC issuer as identity provider, the {@code demo:read}/{@code demo:write} scopes, a data-plane
 * group whose agents answer on {@code --public-url}, the demo MCP server with its tools reported, reviewed and
 * pinned and the server approved, tool bindings, and a one-use enrollment token for the dev agent. The control
 * plane then compiles, signs and publishes the bundle the agent enforces.
 *
 * <pre>
 * DevTenantSeed --api http://localhost:8080 --issuer URL --upstream http://127.0.0.1:9100/mcp \
 *     --public-url http://localhost:9090 --enrollment-token-file FILE      (API token in GATEHOUSE_API_TOKEN)
 * </pre>
 *
 * The enrollment token is written to the file (0600), never printed.
 */
public final class DevTenantSeed {

    static final String SLUG = "demo";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DevTenantSeed() {}

    record Options(String api, String issuer, URI upstream, String publicUrl, Path tokenFile) {

        static Options parse(String... args) {
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i += 2) {
                if (!List.of("--api", "--issuer", "--upstream", "--public-url", "--enrollment-token-file")
                        .contains(args[i])) {
                    throw new IllegalArgumentException("unknown argument: " + args[i]);
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + ": missing value");
                }
                values.put(args[i], args[i + 1]);
            }
            for (String required :
                    List.of("--api", "--issuer", "--upstream", "--public-url", "--enrollment-token-file")) {
                if (!values.containsKey(required)) {
                    throw new IllegalArgumentException(required + ": required");
                }
            }
            return new Options(
                    values.get("--api"),
                    values.get("--issuer"),
                    URI.create(values.get("--upstream")),
                    values.get("--public-url"),
                    Path.of(values.get("--enrollment-token-file")));
        }

        String resource() {
            return publicUrl + "/mcp/" + SLUG;
        }
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try {
            Options options = Options.parse(args);
            String token = System.getenv("GATEHOUSE_API_TOKEN");
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("GATEHOUSE_API_TOKEN: required (an owner API token)");
            }
            Gatehouse api = Gatehouse.builder()
                    .baseUrl(options.api())
                    .token(token)
                    .timeout(Duration.ofSeconds(30))
                    .build();
            Seeded seeded = seed(api, options, listTools(options.upstream()));
            out.println("dev tenant seeded: group " + seeded.groupId() + ", server " + seeded.serverId() + " ("
                    + seeded.pinnedTools() + " tools pinned)");
        } catch (IllegalArgumentException e) {
            System.err.println("dev seed: " + e.getMessage());
            System.exit(2);
        } catch (IOException | RuntimeException e) {
            System.err.println("dev seed failed: " + e);
            System.exit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(1);
        }
    }

    record Seeded(String groupId, String serverId, int pinnedTools) {}

    static Seeded seed(Gatehouse api, Options options, List<JsonNode> tools) throws IOException {
        api.identityProviders()
                .create(new IdentityProviderRequest(
                        "Dev OIDC issuer",
                        options.issuer(),
                        options.issuer() + "/.well-known/openid-configuration",
                        null,
                        options.resource(),
                        new ClaimMappings("sub", "groups", "scope"),
                        null));
        api.scopes().create(new ScopeRequest("demo:read", "Call the demo server's read-only tools", List.of()));
        api.scopes()
                .create(new ScopeRequest(
                        "demo:write", "Call the demo server's tools that reach out", List.of("demo:read")));
        DataPlaneGroup group = api.dataPlaneGroups()
                .create(new DataPlaneGroupRequest("default", "The agent of ./gatehouse dev", options.publicUrl()));

        ServerRequest pending = serverRequest(options, ServerStatus.PENDING);
        Server server = api.servers().create(pending);
        ServerTools reported = api.servers().reportTools(server.id(), tools);
        ServerTools pinned = api.servers().approveTools(reported);
        api.servers().update(server.id(), serverRequest(options, ServerStatus.APPROVED));

        bind(api, server.id(), "echo", "demo:read", Risk.READ, List.of());
        bind(api, server.id(), "slow_count", "demo:read", Risk.READ, List.of());
        bind(api, server.id(), "read_file", "demo:read", Risk.READ, List.of("path"));
        bind(api, server.id(), "fetch_url", "demo:write", Risk.WRITE, List.of("url"));

        EnrollmentToken enrollment = api.enrollmentTokens().create(new EnrollmentTokenRequest(group.id(), 3600, 1));
        writePrivate(options.tokenFile(), enrollment.token());
        return new Seeded(group.id(), server.id(), pinned.pinned().size());
    }

    private static ServerRequest serverRequest(Options options, ServerStatus status) {
        return new ServerRequest(
                "Demo MCP server",
                SLUG,
                options.upstream().toString(),
                Transport.STREAMABLE_HTTP,
                new UpstreamAuth(UpstreamAuthType.NONE, null, null, null, null, null),
                List.of(),
                status,
                Map.of("env", "dev"));
    }

    private static void bind(
            Gatehouse api, String serverId, String tool, String scope, Risk risk, List<String> guarded) {
        api.toolBindings().create(new ToolBindingRequest(serverId, tool, List.of(scope), risk, guarded));
    }

    /**
     * The tools the upstream announces ({@code tools/list} over MCP Streamable HTTP, straight to the upstream, as
     * an admin reviewing the server would see them).
     */
    static List<JsonNode> listTools(URI upstream) throws IOException, InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> init = post(
                http,
                upstream,
                null,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"gatehouse-dev-seed\",\"version\":\"1\"}}}");
        String session = init.headers().firstValue("Mcp-Session-Id").orElse(null);
        post(http, upstream, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        List<JsonNode> tools = new ArrayList<>();
        String cursor = null;
        do {
            String params = cursor == null ? "{}" : "{\"cursor\":" + JSON.writeValueAsString(cursor) + "}";
            JsonNode result = message(post(
                            http,
                            upstream,
                            session,
                            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":" + params + "}"))
                    .path("result");
            result.path("tools").forEach(tools::add);
            cursor = result.path("nextCursor").isTextual()
                    ? result.path("nextCursor").asText()
                    : null;
        } while (cursor != null);
        if (tools.isEmpty()) {
            throw new IOException("the upstream " + upstream + " announced no tools");
        }
        return tools;
    }

    private static HttpResponse<String> post(HttpClient http, URI upstream, String session, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(upstream)
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", "2025-06-18")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IOException("upstream " + upstream + " answered HTTP " + response.statusCode());
        }
        return response;
    }

    /** The JSON-RPC response of a POST answered with JSON or with an SSE stream. */
    static JsonNode message(HttpResponse<String> response) throws IOException {
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("text/event-stream")) {
            return JSON.readTree(response.body());
        }
        StringBuilder data = new StringBuilder();
        for (String line : response.body().split("\r?\n", -1)) {
            if (line.startsWith("data:")) {
                data.append(line.substring(line.startsWith("data: ") ? 6 : 5)).append('\n');
            } else if (line.isEmpty() && !data.isEmpty()) {
                JsonNode event = JSON.readTree(data.toString());
                if (event.has("id")) {
                    return event;
                }
                data.setLength(0);
            }
        }
        if (!data.isEmpty()) {
            return JSON.readTree(data.toString());
        }
        throw new IOException("upstream SSE stream carried no response");
    }

    private static void writePrivate(Path file, String secret) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(
                dir,
                ".enroll",
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, secret, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
