package io.gatehouse.dataplane.pipeline;

import io.gatehouse.dataplane.mcp.GatewaySession;
import io.gatehouse.dataplane.mcp.SessionStore;
import java.util.Optional;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Step 9a: resolves the gateway session. {@code initialize} starts a new one (issued by the proxy
 * when the upstream accepts); everything else must name a live session of the same principal on
 * the same route, or gets 404 (unknown, expired, terminated and foreign sessions look alike).
 */
public final class SessionHandler extends Handler.Wrapper {

    public static final String HEADER = "Mcp-Session-Id";

    private final SessionStore sessions;

    public SessionHandler(SessionStore sessions, Handler next) {
        super(next);
        this.sessions = sessions;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        McpExchange exchange = McpExchange.of(request);
        if (exchange.message() != null && exchange.message().isRequest("initialize")) {
            return super.handle(request, response, callback);
        }
        String id = request.getHeaders().get(HEADER);
        if (id == null) {
            return Responses.refuse(
                    request,
                    response,
                    callback,
                    Refusal.of(ErrorKey.SESSION_REQUIRED, "Mcp-Session-Id is required (send initialize first)"));
        }
        Optional<GatewaySession> session =
                sessions.find(id, exchange.principalKey(), exchange.route().key());
        if (session.isEmpty()) {
            return Responses.refuse(
                    request,
                    response,
                    callback,
                    Refusal.of(
                            ErrorKey.SESSION_NOT_FOUND,
                            "session not found: it expired, was terminated or belongs to someone else"));
        }
        exchange.session(session.get());
        return super.handle(request, response, callback);
    }
}
