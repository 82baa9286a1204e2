package io.gatehouse.dataplane.mcp;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A session the gateway issued: its own id (what the client sees), the principal and route it is
 * bound to, and the upstream's session id (never shown to the client).
 */
public final class GatewaySession {

    private static final int MAX_PENDING_LISTS = 256;

    private final String id;
    private final String principalKey;
    private final String routeKey;
    private final String upstreamSessionId;
    private final Set<String> pendingToolLists = ConcurrentHashMap.newKeySet();
    private volatile Instant lastUsed;

    GatewaySession(String id, String principalKey, String routeKey, String upstreamSessionId, Instant now) {
        this.id = requireNonNull(id, "id");
        this.principalKey = requireNonNull(principalKey, "principalKey");
        this.routeKey = requireNonNull(routeKey, "routeKey");
        this.upstreamSessionId = upstreamSessionId;
        this.lastUsed = now;
    }

    public String id() {
        return id;
    }

    public String principalKey() {
        return principalKey;
    }

    public String routeKey() {
        return routeKey;
    }

    /** The upstream's session id, or null when the upstream is stateless. */
    public String upstreamSessionId() {
        return upstreamSessionId;
    }

    Instant lastUsed() {
        return lastUsed;
    }

    void touch(Instant now) {
        lastUsed = now;
    }

    /**
     * Remembers that request {@code id} (JSON text) is a {@code tools/list}, so its response is
     * filtered on whichever stream it arrives, including a resumed one.
     */
    public void expectToolList(String requestId) {
        if (pendingToolLists.size() >= MAX_PENDING_LISTS) {
            pendingToolLists.clear();
        }
        pendingToolLists.add(requestId);
    }

    /** True (once) when {@code responseId} answers a remembered {@code tools/list}. */
    public boolean answersToolList(String responseId) {
        return pendingToolLists.contains(responseId);
    }

    public boolean hasPendingToolLists() {
        return !pendingToolLists.isEmpty();
    }

    public void toolListAnswered(String responseId) {
        pendingToolLists.remove(responseId);
    }
}
