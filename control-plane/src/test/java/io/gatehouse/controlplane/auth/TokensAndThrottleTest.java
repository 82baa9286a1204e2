package io.gatehouse.controlplane.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.controlplane.api.errors.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TokensAndThrottleTest {

    @Test
    void tokensAreRandomPrefixedAndCheckedForShape() {
        String a = Tokens.generate(Tokens.API);
        assertThat(a).startsWith("gha_").hasSize(47).isNotEqualTo(Tokens.generate(Tokens.API));
        assertThat(Tokens.wellFormed(a, Tokens.API)).isTrue();
        assertThat(Tokens.wellFormed(a, Tokens.SESSION)).isFalse();
        assertThat(Tokens.wellFormed("gha_' OR 1=1 --", Tokens.API)).isFalse();
        assertThat(Tokens.hash(a)).hasSize(32).isEqualTo(Tokens.hash(a));
    }

    @Test
    void throttleLimitsEachAddressPerMinute() {
        LoginThrottle throttle =
                new LoginThrottle(3, Clock.fixed(Instant.parse("2026-01-01T00:00:10Z"), ZoneOffset.UTC));
        for (int i = 0; i < 3; i++) {
            throttle.acquire("10.0.0.1");
        }
        assertThatThrownBy(() -> throttle.acquire("10.0.0.1")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.retryAfterSeconds()).isEqualTo(50L);
        });
        throttle.acquire("10.0.0.2");
    }
}
