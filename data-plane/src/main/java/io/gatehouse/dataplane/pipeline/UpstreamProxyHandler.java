package io.gatehouse.dataplane.pipeline;

import io.gatehouse.dataplane.bundle.Route;
import io.gatehouse.dataplane.config.DataPlaneConfig.Limits;
import io.gatehouse.dataplane.mcp.GatewaySession;
import io.gatehouse.dataplane.mcp.JsonRpcMessage;
import io.gatehouse.dataplane.mcp.SessionStore;
import io.gatehouse.dataplane.upstream.UpstreamCredentialException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 9: sends the request to the route's upstream with the Jetty HTTP client. Only MCP headers are
 * forwarded (never the client's Authorization, Cookie or Origin); the upstream credential's headers
 * are added; the gateway session id is swapped for the upstream's. The upstream's session id never
 * reaches the client: on {@code initialize} the gateway issues its own.
 */
public final class UpstreamProxyHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamProxyHandler.class);
    private static final String[] FORWARDED_HEADERS = {
        "Accept", "MCP-Protocol-Version", "Last-Event-ID", "Mcp-Method", "Mcp-Name"
    };

    private final HttpClient client;
    private final Limits limits;
    private final SessionStore sessions;
    private final ResponseRelay relay;

    public UpstreamProxyHandler(HttpClient client, Limits limits, SessionStore sessions, ResponseRelay relay) {
        this.client = client;
        this.limits = limits;
        this.sessions = sessions;
        this.relay = relay;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        McpExchange exchange = McpExchange.of(request);
        Route route = exchange.route();
        GatewaySession session = exchange.session();
        JsonRpcMessage message = exchange.message();

        if ("DELETE".equals(request.getMethod()) && session != null && session.upstreamSessionId() == null) {
            sessions.remove(session);
            response.setStatus(200);
            response.write(true, null, callback);
            return true;
        }
        Map<String, String> credentialHeaders;
        try {
            if (route.credential() == null) {
                throw new UpstreamCredentialException(route.credentialProblem());
            }
            credentialHeaders = route.credential().headers(exchange.principal(), exchange.bearerToken());
        } catch (UpstreamCredentialException e) {
            LOG.warn("route {}: upstream credential unavailable: {}", route.slug(), e.getMessage());
            return Responses.refuse(
                    request,
                    response,
                    callback,
                    Refusal.of(
                            ErrorKey.UPSTREAM_CREDENTIAL_UNAVAILABLE,
                            "the gateway could not obtain its credential for this server"));
        }

        org.eclipse.jetty.client.Request upstreamRequest = client.newRequest(route.upstreamUrl())
                .method(request.getMethod())
                .idleTimeout(limits.streamIdleTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .headers(h -> copyHeaders(request.getHeaders(), h, session, credentialHeaders));
        if (message != null) {
            upstreamRequest.body(new BytesRequestContent("application/json", message.raw()));
            if (session != null && message.isRequest("tools/list")) {
                session.expectToolList(message.id());
            }
        }
        UpstreamListener listener = new UpstreamListener(exchange, request, response, callback);
        request.addFailureListener(upstreamRequest::abort);
        exchange.onUpstreamAbort(upstreamRequest::abort); // a kill switch may close the stream
        listener.timeout = client.getScheduler()
                .schedule(
                        () -> {
                            if (!listener.answered.get()) {
                                upstreamRequest.abort(new ResponseTimeout());
                            }
                        },
                        limits.upstreamResponseTimeout().toMillis(),
                        TimeUnit.MILLISECONDS);
        upstreamRequest.send(listener);
        return true;
    }

    /** The upstream gave no response headers within {@code upstreamResponseTimeout}. */
    private static final class ResponseTimeout extends TimeoutException {
        ResponseTimeout() {
            super("no upstream response headers in time");
        }
    }

    /**
     * Follows one upstream exchange without a waiting thread: the headers decide the client's
     * answer (refusals, session bookkeeping), then the relay takes the body as it arrives. Exactly
     * one of {@link #onHeaders} and a failure before them answers the client.
     */
    private final class UpstreamListener implements org.eclipse.jetty.client.Response.Listener {
        private final McpExchange exchange;
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final AtomicBoolean answered = new AtomicBoolean();
        private volatile Scheduler.Task timeout;
        private ResponseRelay.Mode mode;

        UpstreamListener(McpExchange exchange, Request request, Response response, Callback callback) {
            this.exchange = exchange;
            this.request = request;
            this.response = response;
            this.callback = callback;
        }

        @Override
        public void onHeaders(org.eclipse.jetty.client.Response upstreamResponse) {
            Scheduler.Task task = timeout;
            if (task != null) {
                task.cancel();
            }
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            Refusal refusal = decide(upstreamResponse);
            if (refusal != null) {
                upstreamResponse.abort(new RefusedUpstreamAnswer());
                Responses.refuse(request, response, callback, refusal);
                return;
            }
            mode = relay.begin(exchange, upstreamResponse, response);
        }

        /** Session bookkeeping on the upstream's answer; a refusal when the client must not get it. */
        private Refusal decide(org.eclipse.jetty.client.Response upstreamResponse) {
            Route route = exchange.route();
            GatewaySession session = exchange.session();
            JsonRpcMessage message = exchange.message();
            int status = upstreamResponse.getStatus();
            if (status == 401) {
                LOG.warn("route {}: upstream refused the gateway's credential (401)", route.slug());
                return Refusal.of(
                        ErrorKey.UPSTREAM_AUTH_FAILED, "the upstream MCP server refused the gateway's credential");
            }
            if (session != null && status == 404 && session.upstreamSessionId() != null) {
                sessions.remove(session);
                return Refusal.of(ErrorKey.SESSION_NOT_FOUND, "the session ended upstream; initialize a new one");
            }
            if (session != null && "DELETE".equals(request.getMethod()) && status / 100 == 2) {
                sessions.remove(session);
            }
            if (message != null && message.isRequest("initialize") && status / 100 == 2) {
                Optional<GatewaySession> created = sessions.create(
                        exchange.principalKey(),
                        route.key(),
                        upstreamResponse.getHeaders().get(SessionHandler.HEADER));
                if (created.isEmpty()) {
                    return Refusal.of(ErrorKey.TOO_MANY_SESSIONS, "the gateway holds too many sessions; retry later");
                }
                exchange.session(created.get());
                response.getHeaders().put(SessionHandler.HEADER, created.get().id());
            }
            if (status >= 500) {
                exchange.outcome(Decision.ERROR, "UPSTREAM_STATUS_" + status);
            }
            return null;
        }

        @Override
        public void onContentSource(org.eclipse.jetty.client.Response upstreamResponse, Content.Source body) {
            ResponseRelay.Mode relayed = mode;
            if (relayed == null) {
                body.fail(new RefusedUpstreamAnswer()); // refused on its headers: drop the body
                return;
            }
            relay.relayBody(relayed, exchange, body, request, response, callback, upstreamResponse::abort);
        }

        @Override
        public void onComplete(Result result) {
            Scheduler.Task task = timeout;
            if (task != null) {
                task.cancel();
            }
            if (!result.isFailed() || !answered.compareAndSet(false, true)) {
                return; // a failure after the headers reaches the relay through the body
            }
            Throwable failure = result.getFailure();
            if (failure instanceof ResponseTimeout) {
                Responses.refuse(
                        request,
                        response,
                        callback,
                        Refusal.of(ErrorKey.UPSTREAM_TIMEOUT, "the upstream MCP server did not answer in time"));
                return;
            }
            LOG.warn("route {}: upstream request failed: {}", exchange.route().slug(), failure.toString());
            Responses.refuse(
                    request,
                    response,
                    callback,
                    Refusal.of(ErrorKey.UPSTREAM_UNAVAILABLE, "the upstream MCP server could not be reached"));
        }
    }

    /** Ends an upstream exchange whose answer the gateway refused on its headers. */
    private static final class RefusedUpstreamAnswer extends Exception {
        RefusedUpstreamAnswer() {
            super("upstream answer refused by the gateway", null, false, false);
        }
    }

    private static void copyHeaders(
            HttpFields clientHeaders,
            HttpFields.Mutable upstream,
            GatewaySession session,
            Map<String, String> credential) {
        upstream.remove(HttpHeader.ACCEPT_ENCODING);
        for (String name : FORWARDED_HEADERS) {
            String value = clientHeaders.get(name);
            if (value != null) {
                upstream.put(name, value);
            }
        }
        for (HttpField field : clientHeaders) {
            if (field.getName().toLowerCase(Locale.ROOT).startsWith("mcp-param-")) {
                upstream.add(field.getName(), field.getValue());
            }
        }
        if (session != null && session.upstreamSessionId() != null) {
            upstream.put(SessionHandler.HEADER, session.upstreamSessionId());
        }
        credential.forEach(upstream::put);
    }
}
