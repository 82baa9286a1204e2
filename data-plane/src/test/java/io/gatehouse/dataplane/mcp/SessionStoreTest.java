package io.gatehouse.dataplane.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SessionStoreTest {

    static final class MutableClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));

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
            return now.get();
        }
    }

    @Test
    void sessionsAreBoundToPrincipalAndRouteAndExpireWhenIdle() {
        MutableClock clock = new MutableClock();
        SessionStore store = new SessionStore(Duration.ofMinutes(30), 100, clock);
        GatewaySession session =
                store.create("iss\nalice", "route-a", "upstream-1").orElseThrow();

        assertThat(session.id()).matches("[A-Za-z0-9_-]{43}");
        assertThat(store.find(session.id(), "iss\nalice", "route-a")).contains(session);
        assertThat(store.find(session.id(), "iss\nbob", "route-a")).isEmpty();
        assertThat(store.find(session.id(), "iss\nalice", "route-b")).isEmpty();

        clock.now.set(clock.now.get().plus(Duration.ofMinutes(29)));
        assertThat(store.find(session.id(), "iss\nalice", "route-a")).isPresent(); // touched: idle clock restarts
        clock.now.set(clock.now.get().plus(Duration.ofMinutes(31)));
        assertThat(store.find(session.id(), "iss\nalice", "route-a")).isEmpty();
        assertThat(store.size()).isZero();
    }

    @Test
    void idsAreUniqueAndTheStoreIsBounded() {
        SessionStore store = new SessionStore(Duration.ofMinutes(30), 3, Clock.systemUTC());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            ids.add(store.create("p", "r", null).orElseThrow().id());
        }
        assertThat(ids).hasSize(3);
        assertThat(store.create("p", "r", null)).isEmpty();
    }

    @Test
    void rememberedToolListsAreAnsweredOnce() {
        GatewaySession session = new SessionStore(Duration.ofMinutes(1), 1, Clock.systemUTC())
                .create("p", "r", null)
                .orElseThrow();
        session.expectToolList("7");
        assertThat(session.answersToolList("7")).isTrue();
        session.toolListAnswered("7");
        assertThat(session.answersToolList("7")).isFalse();
    }
}
