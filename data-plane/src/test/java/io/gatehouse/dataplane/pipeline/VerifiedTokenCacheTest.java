package io.gatehouse.dataplane.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.dataplane.auth.AuthenticationException;
import io.gatehouse.dataplane.auth.Principal;
import io.gatehouse.dataplane.auth.TokenVerifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class VerifiedTokenCacheTest {

    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aTokenIsVerifiedOnceWithinTheTtlAndNeverPastItsExpiry() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        TokenVerifier verifier = (token, audience) -> {
            calls.incrementAndGet();
            if (token.equals("bad")) {
                throw new AuthenticationException(AuthenticationException.Reason.BAD_SIGNATURE, "bad");
            }
            long exp = token.equals("short") ? NOW.getEpochSecond() + 2 : NOW.getEpochSecond() + 3600;
            return new Principal("alice", "iss", "", Set.of(), List.of(), Map.of("exp", exp));
        };
        Instant[] now = {NOW};
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        VerifiedTokenCache cache = new VerifiedTokenCache(Duration.ofSeconds(10), 100, clock);

        cache.verify(verifier, "long", "aud");
        cache.verify(verifier, "long", "aud");
        assertThat(calls).hasValue(1);
        cache.verify(verifier, "long", "other-aud");
        assertThat(calls).hasValue(2);

        cache.verify(verifier, "short", "aud");
        now[0] = NOW.plusSeconds(3); // past the short token's exp, within the TTL
        cache.verify(verifier, "short", "aud");
        assertThat(calls).hasValue(4);

        now[0] = NOW.plusSeconds(11); // past the TTL
        cache.verify(verifier, "long", "aud");
        assertThat(calls).hasValue(5);

        assertThatThrownBy(() -> cache.verify(verifier, "bad", "aud")).isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> cache.verify(verifier, "bad", "aud")).isInstanceOf(AuthenticationException.class);
        assertThat(calls).hasValue(7);
    }
}
