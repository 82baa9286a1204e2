package io.gatehouse.devstack.mcp;

import io.gatehouse.devstack.mcp.DemoFolder.DemoToolException;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The demo server's tools: {@code echo}, {@code read_file}, {@code fetch_url} and {@code slow_count}.
 * Bad input gets a tool error ({@code isError: true}) that says what was wrong.
 *
 * <p>{@code fetch_url} deliberately has no destination allowlist: it is the tool on which Gatehouse's URL
 * guards are demonstrated. It only speaks http(s), with bounded time and size.
 */
final class DemoTools {

    static final int MAX_FETCH_BYTES = 256 * 1024;
    static final int MAX_COUNT = 50;
    static final Duration COUNT_STEP = Duration.ofMillis(100);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);

    private final DemoFolder folder;
    private final HttpClient http;

    DemoTools(DemoFolder folder) {
        this.folder = folder;
        this.http = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    List<SyncToolSpecification> all() {
        return List.of(
                FixtureTools.tool(
                        "echo",
                        "Returns the message unchanged",
                        stringArgument("message", "The text to echo back"),
                        (ex, req) -> guarded("echo", () -> requiredString(req, "message"))),
                FixtureTools.tool(
                        "read_file",
                        "Reads a UTF-8 text file inside the demo folder (paths are relative to it)",
                        stringArgument("path", "File path relative to the demo folder, e.g. notes/todo.txt"),
                        (ex, req) -> guarded("read_file", () -> folder.read(requiredString(req, "path")))),
                FixtureTools.tool(
                        "fetch_url",
                        "Fetches an http(s) URL (10 s timeout, first 256 KiB) and returns status and body",
                        stringArgument("url", "An http:// or https:// URL"),
                        (ex, req) -> guarded("fetch_url", () -> fetch(requiredString(req, "url")))),
                FixtureTools.tool(
                        "slow_count",
                        "Counts from 1 to n, one step every 100 ms, reporting progress at each step",
                        Map.of(
                                "type", "object",
                                "properties",
                                        Map.of(
                                                "n",
                                                Map.of(
                                                        "type",
                                                        "integer",
                                                        "minimum",
                                                        1,
                                                        "maximum",
                                                        MAX_COUNT,
                                                        "description",
                                                        "How far to count (1.." + MAX_COUNT + ")")),
                                "required", List.of("n")),
                        this::slowCount));
    }

    private CallToolResult slowCount(McpSyncServerExchange exchange, CallToolRequest request) {
        Object raw = request.arguments() == null ? null : request.arguments().get("n");
        int n;
        if (raw instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
            n = number.intValue();
        } else {
            return FixtureTools.error("slow_count: n: " + raw + " (expected an integer 1.." + MAX_COUNT + ")");
        }
        if (n < 1 || n > MAX_COUNT) {
            return FixtureTools.error("slow_count: n: " + n + " (expected 1.." + MAX_COUNT + ")");
        }
        Object token = request.meta() == null ? null : request.meta().get("progressToken");
        for (int i = 1; i <= n; i++) {
            FixtureTools.pause(COUNT_STEP.toMillis());
            if (token != null) {
                exchange.progressNotification(ProgressNotification.builder(token, i)
                        .total((double) n)
                        .message(i + "/" + n)
                        .build());
            }
        }
        return FixtureTools.ok(FixtureTools.text("Counted to " + n));
    }

    private String fetch(String url) throws DemoToolException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new DemoToolException("url: '" + url + "' is not a valid URL: " + e.getReason());
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new DemoToolException("url: '" + url + "' (expected an http:// or https:// URL)");
        }
        if (uri.getHost() == null) {
            throw new DemoToolException("url: '" + url + "' has no host");
        }
        HttpRequest request =
                HttpRequest.newBuilder(uri).timeout(FETCH_TIMEOUT).GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            byte[] body;
            try (InputStream in = response.body()) {
                body = in.readNBytes(MAX_FETCH_BYTES + 1);
            }
            boolean truncated = body.length > MAX_FETCH_BYTES;
            String text = new String(body, 0, Math.min(body.length, MAX_FETCH_BYTES), StandardCharsets.UTF_8);
            String type = response.headers().firstValue("content-type").orElse("unknown type");
            return "HTTP " + response.statusCode() + " (" + type + ")\n\n" + text
                    + (truncated ? "\n[truncated after " + MAX_FETCH_BYTES + " bytes]" : "");
        } catch (HttpTimeoutException e) {
            throw new DemoToolException("url: '" + url + "' did not answer within " + FETCH_TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            throw new DemoToolException("url: '" + url + "' could not be fetched: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoToolException("url: '" + url + "': interrupted");
        }
    }

    private static CallToolResult guarded(String tool, ToolBody body) {
        try {
            return FixtureTools.ok(FixtureTools.text(body.run()));
        } catch (DemoToolException e) {
            return FixtureTools.error(tool + ": " + e.getMessage());
        }
    }

    private static String requiredString(CallToolRequest request, String name) throws DemoToolException {
        Object value = request.arguments() == null ? null : request.arguments().get(name);
        if (!(value instanceof String text)) {
            throw new DemoToolException(name + ": " + (value == null ? "missing" : value) + " (expected a string)");
        }
        return text;
    }

    private static Map<String, Object> stringArgument(String name, String description) {
        return Map.of(
                "type", "object",
                "properties", Map.of(name, Map.of("type", "string", "description", description)),
                "required", List.of(name));
    }

    @FunctionalInterface
    private interface ToolBody {
        String run() throws DemoToolException;
    }
}
