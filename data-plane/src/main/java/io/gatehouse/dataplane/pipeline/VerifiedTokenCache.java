package io.gatehouse.dataplane.pipeline;

import io.gatehouse.dataplane.auth.AuthenticationException;
import io.gatehouse.dataplane.auth.Principal;
import io.gatehouse.dataplane.auth.TokenVerifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers successful verifications for a short time so a client that sends the same token on
 * every request pays for one signature check, not one per request. An entry lives at most
 * {@code ttl} and never past the token's {@code exp}; it is keyed by verifier, audience and the
 * exact token, so a new bundle (new verifier) starts empty. Failures are never cached.
 */
public final class VerifiedTokenCache {

    private record Key(TokenVerifier verifier, String audience, String token) {}

    private record Entry(Principal principal, Instant validUntil) {}

    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final int maxEntries;
    private final Clock clock;

    public VerifiedTokenCache(Duration ttl, int maxEntries, Clock clock) {
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    public Principal verify(TokenVerifier verifier, String token, String audience) throws AuthenticationException {
        if (ttl.isZero()) {
            return verifier.verify(token, audience);
        }
        Key key = new Key(verifier, audience, token);
        Instant now = clock.instant();
        Entry entry = entries.get(key);
        if (entry != null && now.isBefore(entry.validUntil())) {
            return entry.principal();
        }
        Principal principal = verifier.verify(token, audience);
        Instant until = now.plus(ttl);
        Instant expiry = expiry(principal);
        if (expiry != null && expiry.isBefore(until)) {
            until = expiry;
        }
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(key, new Entry(principal, until));
        return principal;
    }

    private static Instant expiry(Principal principal) {
        Object exp = principal.claims().get("exp");
        if (exp instanceof Date date) {
            return date.toInstant();
        }
        if (exp instanceof Instant instant) {
            return instant;
        }
        if (exp instanceof Number seconds) {
            return Instant.ofEpochSecond(seconds.longValue());
        }
        return null;
    }
}
