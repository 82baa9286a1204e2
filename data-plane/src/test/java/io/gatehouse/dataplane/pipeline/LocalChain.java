package io.gatehouse.dataplane.pipeline;

import io.gatehouse.dataplane.audit.AuditRecord;
import io.gatehouse.dataplane.audit.AuditSink;
import io.gatehouse.dataplane.auth.AuthenticationException;
import io.gatehouse.dataplane.auth.Principal;
import io.gatehouse.dataplane.bundle.BundleCompiler;
import io.gatehouse.dataplane.bundle.BundleStore;
import io.gatehouse.dataplane.config.ConfigLoader;
import io.gatehouse.dataplane.config.DataPlaneConfig;
import io.gatehouse.dataplane.metrics.ProxyMetrics;
import io.gatehouse.protocol.bundle.Bundle;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpTester;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;

/**
 * One handler of the chain on a Jetty {@link LocalConnector}: audit → route → [handler under test]
 * → a terminal that answers 200 with what the exchange learned. Requests are raw HTTP text.
 */
final class LocalChain implements AutoCloseable {

    static final String ISSUER = "https://idp.test";

    final List<AuditRecord> audit = new CopyOnWriteArrayList<>();
    final Server server = new Server();
    final LocalConnector connector = new LocalConnector(server);
    final BundleStore bundles;

    /** @param handlerUnderTest builds the step under test around the given terminal handler */
    LocalChain(Bundle bundle, String configYaml, Function<Handler, Handler> handlerUnderTest) throws Exception {
        DataPlaneConfig config =
                ConfigLoader.parse("bundleFile: /dev/null\n" + configYaml, name -> null, Path.of("/tmp"));
        bundles = new BundleStore(
                new BundleCompiler(config, issuers -> LocalChain::verify, (id, auth) -> (caller, token) -> Map.of()),
                Clock.systemUTC());
        if (bundle != null) {
            bundles.apply(bundle);
        }
        AuditSink sink = new AuditSink() {
            @Override
            public void accept(AuditRecord record) {
                audit.add(record);
            }

            @Override
            public void close() {}
        };
        server.addConnector(connector);
        server.setHandler(new AuditHandler(
                sink,
                new ProxyMetrics(),
                Clock.systemUTC(),
                new RouteHandler(bundles, handlerUnderTest.apply(new Terminal()))));
        server.start();
    }

    /** Fake verifier: "good-NAME-SCOPE1,SCOPE2" is valid for NAME with those scopes; anything else is refused. */
    static Principal verify(String token, String audience) throws AuthenticationException {
        if (!token.startsWith("good-")) {
            throw new AuthenticationException(
                    AuthenticationException.Reason.BAD_SIGNATURE, "the token's signature is invalid");
        }
        String[] parts = token.split("-", 3);
        Set<String> scopes = parts.length > 2 && !parts[2].isEmpty() ? Set.of(parts[2].split(",")) : Set.of();
        String issuer = parts[1].equals("stranger") ? "https://other.test" : ISSUER;
        return new Principal(parts[1], issuer, "client", scopes, List.of(), Map.of());
    }

    HttpTester.Response send(String rawRequest) throws Exception {
        return HttpTester.parseResponse(connector.getResponse(rawRequest));
    }

    static String post(String path, String body, String... headers) {
        StringBuilder out = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: localhost:9090\r\n");
        boolean contentType = false;
        boolean accept = false;
        for (String header : headers) {
            out.append(header).append("\r\n");
            contentType |= header.toLowerCase().startsWith("content-type:");
            accept |= header.toLowerCase().startsWith("accept:");
        }
        if (!contentType) {
            out.append("Content-Type: application/json\r\n");
        }
        if (!accept) {
            out.append("Accept: application/json, text/event-stream\r\n");
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        out.append("Content-Length: ")
                .append(bytes.length)
                .append("\r\nConnection: close\r\n\r\n")
                .append(body);
        return out.toString();
    }

    static String request(String method, String path, String... headers) {
        StringBuilder out = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
        boolean host = false;
        for (String header : headers) {
            out.append(header).append("\r\n");
            host |= header.toLowerCase().startsWith("host:");
        }
        if (!host) {
            out.append("Host: localhost:9090\r\n");
        }
        return out.append("Connection: close\r\n\r\n").toString();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** Answers 200 with a summary of the exchange. */
    static final class Terminal extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            McpExchange exchange = McpExchange.of(request);
            String body = "subject="
                    + (exchange.principal() == null ? "" : exchange.principal().subject())
                    + ";method="
                    + (exchange.message() == null ? "" : exchange.message().method())
                    + ";tool="
                    + (exchange.message() == null ? "" : exchange.message().toolName())
                    + ";scopes=" + new java.util.TreeSet<>(exchange.effectiveScopes());
            response.setStatus(200);
            response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }
    }
}
