package io.gatehouse.dataplane.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LocalRateLimitBackendTest {
    private static final BucketSpec ONE_PER_MINUTE = new BucketSpec(1, 1, Duration.ofMinutes(1));

    @Test
    void idleBucketsThatAreFullAgainAreSweptWhenTheMapIsFull() {
        AtomicLong clock = new AtomicLong();
        LocalRateLimitBackend backend = new LocalRateLimitBackend(10, clock::get);
        for (int i = 0; i < 10; i++) {
            assertThat(backend.tryConsume("idle-" + i, ONE_PER_MINUTE).consumed())
                    .isTrue();
        }
        clock.addAndGet(Duration.ofSeconds(30).toNanos());
        assertThat(backend.tryConsume("recent", ONE_PER_MINUTE).consumed()).isTrue();
        assertThat(backend.size()).as("nothing expired yet: LRU tenth dropped").isLessThanOrEqualTo(10);

        clock.addAndGet(Duration.ofSeconds(45).toNanos());
        assertThat(backend.tryConsume("new", ONE_PER_MINUTE).consumed()).isTrue();
        assertThat(backend.size())
                .as("buckets idle past their refill time are gone")
                .isEqualTo(2);
        assertThat(backend.tryConsume("recent", ONE_PER_MINUTE).consumed())
                .as("a recent, still-empty bucket was kept")
                .isFalse();
    }

    @Test
    void neverGrowsPastItsBoundUnderManyCallers() {
        LocalRateLimitBackend backend = new LocalRateLimitBackend(1_000);
        for (int i = 0; i < 20_000; i++) {
            backend.tryConsume("caller-" + i, ONE_PER_MINUTE);
            assertThat(backend.size()).isLessThanOrEqualTo(1_000);
        }
    }

    @Test
    void deniedResultCarriesTheWaitUntilTheNextToken() {
        LocalRateLimitBackend backend = new LocalRateLimitBackend();
        assertThat(backend.tryConsume("k", ONE_PER_MINUTE)).isEqualTo(ConsumeResult.CONSUMED);
        ConsumeResult denied = backend.tryConsume("k", ONE_PER_MINUTE);
        assertThat(denied.consumed()).isFalse();
        assertThat(denied.retryAfter())
                .isGreaterThan(Duration.ofSeconds(55))
                .isLessThanOrEqualTo(Duration.ofMinutes(1));
        assertThat(backend.shared()).isFalse();
    }
}
