package io.gatehouse.dataplane.admin;

import io.gatehouse.dataplane.metrics.ProxyMetrics;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The admin port: {@code /health} (the process is alive), {@code /ready} (a bundle is applied and
 * the MCP listener is open; 503 with the reason otherwise) and {@code /metrics} (Prometheus text).
 */
public final class AdminHandler extends Handler.Abstract {

    private final ProxyMetrics metrics;
    private final Supplier<String> notReadyReason;

    /** @param notReadyReason null when ready, else why not */
    public AdminHandler(ProxyMetrics metrics, Supplier<String> notReadyReason) {
        this.metrics = metrics;
        this.notReadyReason = notReadyReason;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (!"GET".equals(request.getMethod())) {
            return write(response, callback, 405, "application/json", "{\"error\":\"METHOD_NOT_ALLOWED\"}");
        }
        switch (path) {
            case "/health" -> {
                return write(response, callback, 200, "application/json", "{\"status\":\"UP\"}");
            }
            case "/ready" -> {
                String reason = notReadyReason.get();
                if (reason == null) {
                    return write(response, callback, 200, "application/json", "{\"status\":\"READY\"}");
                }
                return write(
                        response,
                        callback,
                        503,
                        "application/json",
                        "{\"status\":\"NOT_READY\",\"reason\":\"" + reason.replace("\"", "'") + "\"}");
            }
            case "/metrics" -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
                metrics.writeTo(out);
                return write(response, callback, 200, metrics.contentType(), out.toString(StandardCharsets.UTF_8));
            }
            default -> {
                return write(response, callback, 404, "application/json", "{\"error\":\"NOT_FOUND\"}");
            }
        }
    }

    private static boolean write(Response response, Callback callback, int status, String type, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(bytes), callback);
        return true;
    }
}
