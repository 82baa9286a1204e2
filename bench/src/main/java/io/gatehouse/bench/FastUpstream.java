package io.gatehouse.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The benchmark's upstream: answers every MCP POST at once with a static JSON-RPC result (an
 * {@code initialize} result with a session id, 202 for notifications, a {@code tools/call} result
 * otherwise) and serves the benchmark issuer's JWKS at {@code /jwks.json}. Non-blocking, so the
 * proxy in front of it is what is measured.
 *
 * <p>{@code FastUpstream <port> <jwks.json>}
 */
public final class FastUpstream {

    static final byte[] INIT = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"protocolVersion\":\"2025-11-25\","
                    + "\"capabilities\":{\"tools\":{}},\"serverInfo\":{\"name\":\"fast-upstream\",\"version\":\"1\"}}}")
            .getBytes(StandardCharsets.UTF_8);
    static final byte[] CALL = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\","
                    + "\"text\":\"hi\"}],\"isError\":false}}")
            .getBytes(StandardCharsets.UTF_8);

    /** The one tool the upstream announces (the full-chain benchmark pins its fingerprint). */
    static final String ECHO_TOOL = "{\"name\":\"echo\",\"description\":\"Echoes the message back.\","
            + "\"inputSchema\":{\"type\":\"object\",\"properties\":{\"message\":{\"type\":\"string\"}}}}";

    static final byte[] TOOLS = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"tools\":[" + ECHO_TOOL + "]}}")
            .getBytes(StandardCharsets.UTF_8);

    private FastUpstream() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        byte[] jwks = Files.readAllBytes(Path.of(args[1]));
        Server server = new Server();
        ServerConnector connector = loopbackConnector(server, port);
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                if (Request.getPathInContext(request).equals("/jwks.json")) {
                    return write(response, callback, 200, jwks, null);
                }
                Content.Source.asString(request, StandardCharsets.UTF_8, new org.eclipse.jetty.util.Promise<>() {
                    @Override
                    public void succeeded(String body) {
                        if (body.contains("\"initialize\"")) {
                            write(response, callback, 200, INIT, "bench-upstream-session");
                        } else if (body.contains("\"tools/list\"")) {
                            write(response, callback, 200, TOOLS, null);
                        } else if (body.contains("\"notifications/")) {
                            response.setStatus(202);
                            callback.succeeded();
                        } else {
                            write(response, callback, 200, CALL, null);
                        }
                    }

                    @Override
                    public void failed(Throwable x) {
                        callback.failed(x);
                    }
                });
                return true;
            }
        });
        server.start();
        System.out.println("fast upstream on 127.0.0.1:" + connector.getLocalPort());
        server.join();
    }

    /** A connector on 127.0.0.1:{@code port} with a deep accept queue (the load generator opens many connections). */
    static ServerConnector loopbackConnector(Server server, int port) {
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setAcceptQueueSize(1024);
        server.addConnector(connector);
        return connector;
    }

    static boolean write(Response response, Callback callback, int status, byte[] body, String session) {
        response.setStatus(status);
        response.getHeaders().put("Content-Type", "application/json");
        response.getHeaders().put("Content-Length", body.length);
        if (session != null) {
            response.getHeaders().put("Mcp-Session-Id", session);
        }
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
