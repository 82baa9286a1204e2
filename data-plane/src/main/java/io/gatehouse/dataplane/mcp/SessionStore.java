package io.gatehouse.dataplane.mcp;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's sessions. Ids are 256 random bits (base64url, visible ASCII). A session is found
 * only by the principal and route it was issued to; for anyone else, and after idle expiry or
 * termination, it does not exist (the caller answers 404).
 */
public final class SessionStore {

    private final ConcurrentHashMap<String, GatewaySession> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Duration idleTimeout;
    private final int maxSessions;
    private final Clock clock;

    public SessionStore(Duration idleTimeout, int maxSessions, Clock clock) {
        this.idleTimeout = idleTimeout;
        this.maxSessions = maxSessions;
        this.clock = clock;
    }

    /** Issues a new session, or returns empty when the store is full. */
    public Optional<GatewaySession> create(String principalKey, String routeKey, String upstreamSessionId) {
        if (sessions.size() >= maxSessions) {
            sweep();
            if (sessions.size() >= maxSessions) {
                return Optional.empty();
            }
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        GatewaySession session = new GatewaySession(id, principalKey, routeKey, upstreamSessionId, clock.instant());
        sessions.put(id, session);
        return Optional.of(session);
    }

    /** The live session with this id issued to this principal on this route, touching it. */
    public Optional<GatewaySession> find(String id, String principalKey, String routeKey) {
        GatewaySession session = sessions.get(id);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(session, now)) {
            sessions.remove(id, session);
            return Optional.empty();
        }
        if (!session.principalKey().equals(principalKey) || !session.routeKey().equals(routeKey)) {
            return Optional.empty();
        }
        session.touch(now);
        return Optional.of(session);
    }

    public void remove(GatewaySession session) {
        sessions.remove(session.id(), session);
    }

    /** Drops expired sessions; returns how many are left. */
    public int sweep() {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> expired(s, now));
        return sessions.size();
    }

    public int size() {
        return sessions.size();
    }

    private boolean expired(GatewaySession session, Instant now) {
        return session.lastUsed().plus(idleTimeout).isBefore(now);
    }
}
