package io.gatehouse.dataplane.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.dataplane.ratelimit.RateLimitDecision.Denied;
import io.gatehouse.dataplane.ratelimit.RateLimitDecision.Reason;
import io.gatehouse.devstack.EmbeddedRedis;
import io.gatehouse.protocol.bundle.RateLimit;
import io.gatehouse.protocol.bundle.RateLimit.FailureMode;
import io.gatehouse.protocol.bundle.RateLimit.KeyDimension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Three agents (engines with their own Lettuce connections) sharing one real Redis. */
class RedisSharedRateLimitIT {
    private static final int AGENTS = 3;
    private static final int THREADS_PER_AGENT = 4;

    private static EmbeddedRedis redis;
    private final List<RateLimitEngine> agents = new ArrayList<>();

    @BeforeAll
    static void startRedis() {
        redis = EmbeddedRedis.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @BeforeEach
    void startAgents() {
        for (int i = 0; i < AGENTS; i++) {
            agents.add(RateLimitEngine.create(redis.uri(), Duration.ofSeconds(1)));
        }
    }

    @AfterEach
    void stopAgents() {
        agents.forEach(RateLimitEngine::close);
        redis.restart(); // no-op when running
    }

    private long closedFailures() {
        return agents.stream()
                .mapToLong(a -> a.backendFailures().get(FailureMode.CLOSED))
                .sum();
    }

    private static RateLimit limit(String id, long capacity, String tool, FailureMode mode) {
        return new RateLimit(id, List.of(KeyDimension.PRINCIPAL), null, tool, capacity, 1, Duration.ofHours(1), mode);
    }

    private static RateLimitContext call(String tenant, String principal, String tool) {
        return new RateLimitContext(tenant, principal, "client", "srv", tool);
    }

    /** Every agent's threads hammer one principal's bucket at once; returns the calls admitted in total. */
    private int admittedUnderLoad(List<RateLimiter> limiters, RateLimitContext context, int attemptsPerThread)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(limiters.size() * THREADS_PER_AGENT);
        try {
            CountDownLatch start = new CountDownLatch(1);
            AtomicInteger admitted = new AtomicInteger();
            List<Future<?>> futures = new ArrayList<>();
            for (RateLimiter limiter : limiters) {
                for (int t = 0; t < THREADS_PER_AGENT; t++) {
                    futures.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < attemptsPerThread; i++) {
                            if (limiter.tryAcquire(context).allowed()) {
                                admitted.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
            return admitted.get();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void agentsUnderConcurrentLoadAdmitNoMoreThanTheLimitInTotal() throws Exception {
        List<RateLimit> limits = List.of(limit("shared", 100, null, FailureMode.CLOSED));
        List<RateLimiter> limiters = agents.stream().map(a -> a.compile(limits)).toList();

        // 3 agents x 4 threads x 25 attempts = 300 attempts on one bucket of 100
        int admitted = admittedUnderLoad(limiters, call("t-load", "alice", "x"), 25);

        assertThat(admitted).isEqualTo(100);
        for (RateLimitEngine agent : agents) {
            assertThat(agent.backendFailures())
                    .allSatisfy((mode, count) -> assertThat(count).isZero());
        }
        // every agent sees the same empty bucket
        for (RateLimiter limiter : limiters) {
            assertThat(limiter.tryAcquire(call("t-load", "alice", "x")).allowed())
                    .isFalse();
        }
    }

    @Test
    void redisOutageFollowsEachLimitsFailureModeAndSharingResumes() throws Exception {
        List<RateLimit> limits = List.of(
                limit("open-limit", 1_000, "open_*", FailureMode.OPEN),
                limit("closed-limit", 40, "closed_*", FailureMode.CLOSED),
                limit("local-limit", 2, "local_*", FailureMode.LOCAL));
        List<RateLimiter> limiters = agents.stream().map(a -> a.compile(limits)).toList();
        String tenant = "t-outage";
        for (RateLimiter limiter : limiters) {
            assertThat(limiter.tryAcquire(call(tenant, "alice", "open_a")).allowed())
                    .isTrue();
            assertThat(limiter.tryAcquire(call(tenant, "alice", "closed_a")).allowed())
                    .isTrue();
        }

        redis.stop();

        for (RateLimiter limiter : limiters) {
            assertThat(limiter.tryAcquire(call(tenant, "alice", "open_a")).allowed())
                    .as("open limit allows while Redis is down")
                    .isTrue();
            assertThat(limiter.tryAcquire(call(tenant, "alice", "closed_a")))
                    .as("closed limit denies while Redis is down")
                    .isInstanceOfSatisfying(Denied.class, d -> {
                        assertThat(d.limitId()).isEqualTo("closed-limit");
                        assertThat(d.reason()).isEqualTo(Reason.RATE_LIMIT_BACKEND_UNAVAILABLE);
                    });
            // local fallback: a bucket of 2 per agent
            assertThat(limiter.tryAcquire(call(tenant, "alice", "local_a")).allowed())
                    .isTrue();
            assertThat(limiter.tryAcquire(call(tenant, "alice", "local_a")).allowed())
                    .isTrue();
            assertThat(limiter.tryAcquire(call(tenant, "alice", "local_a")))
                    .isInstanceOfSatisfying(
                            Denied.class, d -> assertThat(d.reason()).isEqualTo(Reason.RATE_LIMITED));
        }
        for (RateLimitEngine agent : agents) {
            assertThat(agent.backendFailures())
                    .containsEntry(FailureMode.OPEN, 1L)
                    .containsEntry(FailureMode.CLOSED, 1L)
                    .containsEntry(FailureMode.LOCAL, 3L);
        }

        redis.restart();

        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    for (RateLimiter limiter : limiters) {
                        assertThat(limiter.tryAcquire(call(tenant, "prober", "closed_a"))
                                        .allowed())
                                .isTrue();
                    }
                });
        // shared again: one bucket of 40 for "bob" across all agents, under concurrent load
        long failuresBefore = closedFailures();
        int admitted = admittedUnderLoad(limiters, call(tenant, "bob", "closed_b"), 10);
        long failuresDuringLoad = closedFailures() - failuresBefore;
        // a call that timed out may still have taken its token in Redis: never more than the limit,
        // and at most one token unaccounted for per timed-out call
        assertThat(admitted)
                .as("admitted with %d backend failures during the load", failuresDuringLoad)
                .isLessThanOrEqualTo(40)
                .isGreaterThanOrEqualTo((int) (40 - failuresDuringLoad));
        // and the local-mode limit is back on the shared (fresh, empty-store) bucket
        assertThat(limiters.get(0).tryAcquire(call(tenant, "alice", "local_a")).allowed())
                .isTrue();
    }
}
