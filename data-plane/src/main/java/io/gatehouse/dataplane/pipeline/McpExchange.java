package io.gatehouse.dataplane.pipeline;

import io.gatehouse.dataplane.auth.Principal;
import io.gatehouse.dataplane.bundle.ActiveBundle;
import io.gatehouse.dataplane.bundle.Route;
import io.gatehouse.dataplane.mcp.GatewaySession;
import io.gatehouse.dataplane.mcp.JsonRpcMessage;
import io.gatehouse.engine.policy.PolicyDecision;
import io.gatehouse.protocol.audit.AuditRecord;
import io.gatehouse.protocol.audit.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.server.Request;

/**
 * What the handler chain has learned about one request so far; each step fills its part. Lives as
 * a request attribute for the request's lifetime. The bearer token is kept only in memory for an
 * RFC 8693 exchange and is never logged or audited.
 */
public final class McpExchange {

    static final String ATTRIBUTE = McpExchange.class.getName();

    private final String requestId;
    private final long startNanos;
    private final String httpMethod;
    private ActiveBundle bundle;
    private Route route;
    private Principal principal;
    private String bearerToken;
    private Set<String> effectiveScopes = Set.of();
    private JsonRpcMessage message;
    private GatewaySession session;
    private Decision decision = Decision.ALLOW;
    private String reason = "";
    private volatile PolicyDecision policyDecision;
    private volatile java.util.function.Consumer<Throwable> upstreamAbort;
    private Request request;
    private OpenStreams streams;
    private final List<Finding> findings = new ArrayList<>();
    private int droppedFindings;

    McpExchange(String requestId, long startNanos, String httpMethod) {
        this.requestId = requestId;
        this.startNanos = startNanos;
        this.httpMethod = httpMethod;
    }

    /** The exchange of a request that passed the audit step (the outermost one). */
    public static McpExchange of(Request request) {
        McpExchange exchange = (McpExchange) request.getAttribute(ATTRIBUTE);
        if (exchange == null) {
            throw new IllegalStateException("no McpExchange on this request: the chain must start with AuditHandler");
        }
        return exchange;
    }

    public static McpExchange start(Request request, String requestId) {
        McpExchange exchange = new McpExchange(requestId, System.nanoTime(), request.getMethod());
        exchange.request = request;
        request.setAttribute(ATTRIBUTE, exchange);
        return exchange;
    }

    public String requestId() {
        return requestId;
    }

    public long startNanos() {
        return startNanos;
    }

    public String httpMethod() {
        return httpMethod;
    }

    public ActiveBundle bundle() {
        return bundle;
    }

    public Route route() {
        return route;
    }

    void routeTo(ActiveBundle bundle, Route route) {
        this.bundle = bundle;
        this.route = route;
    }

    public Principal principal() {
        return principal;
    }

    String bearerToken() {
        return bearerToken;
    }

    void authenticated(Principal principal, String bearerToken, Set<String> effectiveScopes) {
        this.principal = principal;
        this.bearerToken = bearerToken;
        this.effectiveScopes = Set.copyOf(effectiveScopes);
    }

    /** The principal's scopes with {@code implies} expanded. */
    public Set<String> effectiveScopes() {
        return effectiveScopes;
    }

    /** Key sessions are bound to: issuer and subject of the principal. */
    public String principalKey() {
        return principal == null ? "" : principal.issuer() + "\n" + principal.subject();
    }

    public JsonRpcMessage message() {
        return message;
    }

    void decoded(JsonRpcMessage message) {
        this.message = message;
    }

    public GatewaySession session() {
        return session;
    }

    void session(GatewaySession session) {
        this.session = session;
    }

    public Decision decision() {
        return decision;
    }

    public String reason() {
        return reason;
    }

    void outcome(Decision decision, String reason) {
        this.decision = decision;
        this.reason = reason;
    }

    /** The policy engine's decision (step 6), shadow part included; null when none was taken. */
    public PolicyDecision policyDecision() {
        return policyDecision;
    }

    void policyDecision(PolicyDecision decision) {
        this.policyDecision = decision;
    }

    /** The client's request (source address and headers for policy). */
    Request request() {
        return request;
    }

    /** Asks that this request be tracked in {@code streams} once it is proxied (kill switches). */
    void trackIn(OpenStreams streams) {
        this.streams = streams;
    }

    /**
     * Registers how to abort this request's upstream exchange (set by the upstream step) and, when
     * tracked, lists it among the open streams until the request completes.
     */
    void onUpstreamAbort(java.util.function.Consumer<Throwable> abort) {
        this.upstreamAbort = abort;
        OpenStreams tracker = streams;
        if (tracker != null && request != null) {
            tracker.add(this);
            Request.addCompletionListener(request, failure -> tracker.remove(this));
        }
    }

    /**
     * Aborts the upstream exchange in flight (a kill switch closing an open stream): the relay
     * sees its upstream end and finishes the client's response. False when none is in flight.
     */
    public boolean abortUpstream(Throwable cause) {
        java.util.function.Consumer<Throwable> abort = upstreamAbort;
        if (abort == null) {
            return false;
        }
        abort.accept(cause);
        return true;
    }

    /**
     * What the protections noticed (redaction, tool supply chain, prompt injection), in order: detector,
     * action and location, never a value. At most {@link AuditRecord#MAX_FINDINGS}; see {@link
     * #droppedFindings()}.
     */
    public List<Finding> findings() {
        synchronized (findings) {
            return List.copyOf(findings);
        }
    }

    /** Findings beyond {@link AuditRecord#MAX_FINDINGS} that were not kept. */
    public int droppedFindings() {
        synchronized (findings) {
            return droppedFindings;
        }
    }

    void addFinding(Finding finding) {
        synchronized (findings) {
            if (findings.size() < AuditRecord.MAX_FINDINGS) {
                findings.add(finding);
            } else {
                droppedFindings++;
            }
        }
    }
}
