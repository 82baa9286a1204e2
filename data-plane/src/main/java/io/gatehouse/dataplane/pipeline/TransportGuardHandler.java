package io.gatehouse.dataplane.pipeline;

import io.gatehouse.dataplane.bundle.Route;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Step 2: transport rules that need no body and no identity. Host and Origin (DNS rebinding: a
 * foreign Host or Origin gets 403; loopback names are accepted, since a rebinding attack always
 * carries the attacker's name), HTTP method, Content-Type, Accept, the declared body size and the
 * {@code MCP-Protocol-Version} header.
 */
public final class TransportGuardHandler extends Handler.Wrapper {

    private final int maxBodyBytes;
    private final Set<String> protocolVersions;

    public TransportGuardHandler(int maxBodyBytes, Set<String> protocolVersions, Handler next) {
        super(next);
        this.maxBodyBytes = maxBodyBytes;
        this.protocolVersions = Set.copyOf(protocolVersions);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Refusal refusal = check(request, McpExchange.of(request).route());
        if (refusal != null) {
            return Responses.refuse(request, response, callback, refusal);
        }
        return super.handle(request, response, callback);
    }

    Refusal check(Request request, Route route) {
        String host = request.getHeaders().get(HttpHeader.HOST);
        if (host == null) {
            host = request.getHttpURI().getAuthority();
        }
        boolean loopbackHost = host != null && Loopback.isHost(host);
        if (host == null || !(loopbackHost || route.allowsHost(host))) {
            return Refusal.of(ErrorKey.HOST_NOT_ALLOWED, "Host '" + host + "' is not allowed for this MCP server");
        }
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin != null && !(route.allowsOrigin(origin) || (loopbackHost && Loopback.isOrigin(origin)))) {
            return Refusal.of(
                    ErrorKey.ORIGIN_NOT_ALLOWED, "Origin '" + origin + "' is not allowed for this MCP server");
        }
        String method = request.getMethod();
        switch (method) {
            case "POST" -> {
                Refusal post = checkPost(request);
                if (post != null) {
                    return post;
                }
            }
            case "GET" -> {
                if (!accepts(request, "text/event-stream")) {
                    return Refusal.of(ErrorKey.NOT_ACCEPTABLE, "GET needs Accept: text/event-stream");
                }
            }
            case "DELETE" -> {}
            default -> {
                return Refusal.of(ErrorKey.METHOD_NOT_ALLOWED, "method " + method + " is not supported")
                        .withHeader("Allow", "GET, POST, DELETE");
            }
        }
        String version = request.getHeaders().get("MCP-Protocol-Version");
        if (version != null && !protocolVersions.contains(version)) {
            return Refusal.of(
                    ErrorKey.UNSUPPORTED_PROTOCOL_VERSION,
                    "MCP-Protocol-Version '" + version + "' is not supported (supported: "
                            + String.join(
                                    ", ", protocolVersions.stream().sorted().toList()) + ")");
        }
        return null;
    }

    private Refusal checkPost(Request request) {
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (contentType == null || !isJson(contentType)) {
            return Refusal.of(ErrorKey.UNSUPPORTED_MEDIA_TYPE, "POST needs Content-Type: application/json");
        }
        if (!accepts(request, "application/json") || !accepts(request, "text/event-stream")) {
            return Refusal.of(ErrorKey.NOT_ACCEPTABLE, "POST needs Accept: application/json, text/event-stream");
        }
        long length = request.getLength();
        if (length > maxBodyBytes) {
            return Refusal.of(
                    ErrorKey.BODY_TOO_LARGE,
                    "body of " + length + " bytes exceeds the limit of " + maxBodyBytes + " bytes");
        }
        return null;
    }

    private static boolean isJson(String contentType) {
        String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
        if (!parts[0].trim().equals("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].trim();
            if (param.startsWith("charset=") && !param.replace("\"", "").equals("charset=utf-8")) {
                return false;
            }
        }
        return true;
    }

    private static boolean accepts(Request request, String mediaType) {
        String type = mediaType.substring(0, mediaType.indexOf('/'));
        for (String accept : request.getHeaders().getValuesList(HttpHeader.ACCEPT)) {
            for (String range : accept.split(",")) {
                String r = range.split(";")[0].trim().toLowerCase(Locale.ROOT);
                if (r.equals(mediaType) || r.equals("*/*") || r.equals(type + "/*")) {
                    return true;
                }
            }
        }
        return false;
    }
}
