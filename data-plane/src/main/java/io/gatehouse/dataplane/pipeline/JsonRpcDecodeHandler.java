package io.gatehouse.dataplane.pipeline;

import io.gatehouse.dataplane.mcp.JsonRpcCodec;
import io.gatehouse.dataplane.mcp.JsonRpcDecodeException;
import io.gatehouse.dataplane.mcp.JsonRpcMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Step 4: reads a POST body (at most {@code maxBodyBytes}, also when it is chunked), decodes exactly
 * one JSON-RPC message within the nesting limit, extracts method, tool, arguments, resource URI and
 * prompt name, and checks the {@code Mcp-Method}/{@code Mcp-Name} headers against the body
 * (2026-07-28 mirrors them; a mismatch is refused, never trusted).
 */
public final class JsonRpcDecodeHandler extends Handler.Wrapper {

    private final int maxBodyBytes;
    private final JsonRpcCodec codec;

    public JsonRpcDecodeHandler(int maxBodyBytes, JsonRpcCodec codec, Handler next) {
        super(next);
        this.maxBodyBytes = maxBodyBytes;
        this.codec = codec;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!"POST".equals(request.getMethod())) {
            return super.handle(request, response, callback);
        }
        McpExchange exchange = McpExchange.of(request);
        byte[] body = readBody(request);
        if (body == null) {
            return Responses.refuse(
                    request,
                    response,
                    callback,
                    Refusal.of(ErrorKey.BODY_TOO_LARGE, "body exceeds the limit of " + maxBodyBytes + " bytes"));
        }
        JsonRpcMessage message;
        try {
            message = codec.decode(body);
        } catch (JsonRpcDecodeException e) {
            Refusal refusal = Refusal.of(ErrorKey.valueOf(e.problem().name()), e.getMessage());
            return Responses.refuse(request, response, callback, refusal, e.id());
        }
        exchange.decoded(message);
        Refusal mismatch = checkMirroredHeaders(request, message);
        if (mismatch != null) {
            return Responses.refuse(request, response, callback, mismatch);
        }
        return super.handle(request, response, callback);
    }

    static Refusal checkMirroredHeaders(Request request, JsonRpcMessage message) {
        String methodHeader = request.getHeaders().get("Mcp-Method");
        if (methodHeader != null && !methodHeader.equals(message.method())) {
            return Refusal.of(ErrorKey.HEADER_MISMATCH, "Mcp-Method header does not match the body's method");
        }
        String nameHeader = request.getHeaders().get("Mcp-Name");
        if (nameHeader != null && !nameHeader.equals(message.mirroredName())) {
            return Refusal.of(ErrorKey.HEADER_MISMATCH, "Mcp-Name header does not match the body");
        }
        return null;
    }

    /** The body, or null when it is larger than the limit. */
    private byte[] readBody(Request request) throws IOException {
        ByteArrayOutputStream out =
                new ByteArrayOutputStream(Math.max(256, (int) Math.min(request.getLength(), maxBodyBytes)));
        byte[] buffer = new byte[8192];
        try (InputStream in = Request.asInputStream(request)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (out.size() + n > maxBodyBytes) {
                    return null;
                }
                out.write(buffer, 0, n);
            }
        }
        return out.toByteArray();
    }
}
