package io.gatehouse.dataplane.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.dataplane.ratelimit.RateLimitDecision.Denied;
import io.gatehouse.dataplane.ratelimit.RateLimitDecision.Reason;
import io.gatehouse.protocol.bundle.RateLimit;
import io.gatehouse.protocol.bundle.RateLimit.FailureMode;
import io.gatehouse.protocol.bundle.RateLimit.KeyDimension;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every backend must show (Bucket4j-style contract suite): subclasses only supply an
 * engine. Each test uses its own tenant, so buckets of different tests never meet in a shared store.
 */
abstract class RateLimiterContract {
    private RateLimitEngine engine;
    private String tenant;

    /** A fresh engine over the backend under test. */
    abstract RateLimitEngine newEngine();

    @BeforeEach
    void setUp() {
        engine = newEngine();
        tenant = "t-" + UUID.randomUUID();
    }

    @AfterEach
    void tearDown() {
        engine.close();
    }

    static RateLimit limit(
            String id,
            long capacity,
            long refillTokens,
            Duration period,
            String serverId,
            String tool,
            KeyDimension... keyBy) {
        return new RateLimit(id, List.of(keyBy), serverId, tool, capacity, refillTokens, period, FailureMode.CLOSED);
    }

    private RateLimitContext call(String principal, String tool) {
        return new RateLimitContext(tenant, principal, "client-1", "srv", tool);
    }

    @Test
    void admitsCapacityThenDeniesWithTheLimitAndWait() {
        RateLimiter limiter = engine.compile(
                List.of(limit("per-user", 3, 1, Duration.ofHours(1), null, null, KeyDimension.PRINCIPAL)));

        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire(call("alice", "search")).allowed())
                    .as("call %d", i)
                    .isTrue();
        }
        RateLimitDecision fourth = limiter.tryAcquire(call("alice", "search"));

        assertThat(fourth).isInstanceOfSatisfying(Denied.class, d -> {
            assertThat(d.limitId()).isEqualTo("per-user");
            assertThat(d.reason()).isEqualTo(Reason.RATE_LIMITED);
            assertThat(d.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofHours(1));
            assertThat(d.retryAfterSeconds()).isBetween(3000L, 3600L);
        });
    }

    @Test
    void refillsOverTime() throws InterruptedException {
        RateLimiter limiter = engine.compile(
                List.of(limit("fast", 2, 1, Duration.ofMillis(300), null, null, KeyDimension.PRINCIPAL)));
        assertThat(limiter.tryAcquire(call("alice", null)).allowed()).isTrue();
        assertThat(limiter.tryAcquire(call("alice", null)).allowed()).isTrue();

        RateLimitDecision denied = limiter.tryAcquire(call("alice", null));
        assertThat(denied.allowed()).isFalse();
        Duration wait = ((Denied) denied).retryAfter();
        assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMillis(300));

        Thread.sleep(wait.toMillis() + 60);
        assertThat(limiter.tryAcquire(call("alice", null)).allowed()).isTrue();
        assertThat(limiter.tryAcquire(call("alice", null)).allowed())
                .as("only one token refilled")
                .isFalse();
    }

    @Test
    void everyApplicableLimitIsCharged() {
        RateLimiter limiter = engine.compile(List.of(
                limit("per-user", 4, 1, Duration.ofHours(1), null, null, KeyDimension.PRINCIPAL),
                limit("search-tools", 2, 1, Duration.ofHours(1), "srv", "search*", KeyDimension.PRINCIPAL)));

        assertThat(limiter.tryAcquire(call("alice", "search_docs")).allowed()).isTrue();
        assertThat(limiter.tryAcquire(call("alice", "search_web")).allowed()).isTrue();
        assertThat(limiter.tryAcquire(call("alice", "search_docs")))
                .isInstanceOfSatisfying(
                        Denied.class, d -> assertThat(d.limitId()).isEqualTo("search-tools"));
        // per-user gave a token to each of the three calls; one is left for a tool outside the pattern
        assertThat(limiter.tryAcquire(call("alice", "fetch")).allowed()).isTrue();
        assertThat(limiter.tryAcquire(call("alice", "fetch")))
                .isInstanceOfSatisfying(
                        Denied.class, d -> assertThat(d.limitId()).isEqualTo("per-user"));
    }

    @Test
    void limitsApplyOnlyToTheirServerAndTools() {
        RateLimiter limiter = engine.compile(List.of(
                limit("other-server", 1, 1, Duration.ofHours(1), "elsewhere", null, KeyDimension.PRINCIPAL),
                limit("writes", 1, 1, Duration.ofHours(1), null, "write_?", KeyDimension.PRINCIPAL)));

        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire(call("alice", "read_x")).allowed()).isTrue();
            assertThat(limiter.tryAcquire(call("alice", null)).allowed())
                    .as("not a tool call")
                    .isTrue();
        }
        assertThat(limiter.tryAcquire(call("alice", "write_a")).allowed()).isTrue();
        assertThat(limiter.tryAcquire(call("alice", "write_b")).allowed()).isFalse();
        assertThat(limiter.tryAcquire(call("alice", "write_ab")).allowed())
                .as("? is one character")
                .isTrue();
    }

    @Test
    void keyDimensionsIsolateCallers() {
        RateLimiter perPrincipalAndTool = engine.compile(List.of(limit(
                "per-user-tool", 1, 1, Duration.ofHours(1), null, null, KeyDimension.PRINCIPAL, KeyDimension.TOOL)));
        assertThat(perPrincipalAndTool.tryAcquire(call("alice", "a")).allowed()).isTrue();
        assertThat(perPrincipalAndTool.tryAcquire(call("alice", "a")).allowed()).isFalse();
        assertThat(perPrincipalAndTool.tryAcquire(call("alice", "b")).allowed()).isTrue();
        assertThat(perPrincipalAndTool.tryAcquire(call("bob", "a")).allowed()).isTrue();

        RateLimiter perClient = engine.compile(
                List.of(limit("per-client", 1, 1, Duration.ofHours(1), null, null, KeyDimension.CLIENT)));
        assertThat(perClient
                        .tryAcquire(new RateLimitContext(tenant, "alice", "c1", "srv", null))
                        .allowed())
                .isTrue();
        assertThat(perClient
                        .tryAcquire(new RateLimitContext(tenant, "bob", "c1", "srv", null))
                        .allowed())
                .as("same client, other principal")
                .isFalse();
        assertThat(perClient
                        .tryAcquire(new RateLimitContext(tenant, "alice", "c2", "srv", null))
                        .allowed())
                .isTrue();
        assertThat(perClient
                        .tryAcquire(new RateLimitContext(tenant, "alice", null, "srv", null))
                        .allowed())
                .as("no client id is its own caller")
                .isTrue();

        RateLimiter perTenant = engine.compile(
                List.of(limit("per-tenant", 1, 1, Duration.ofHours(1), null, null, KeyDimension.TENANT)));
        assertThat(perTenant.tryAcquire(call("alice", null)).allowed()).isTrue();
        assertThat(perTenant.tryAcquire(call("bob", null)).allowed()).isFalse();
        assertThat(perTenant
                        .tryAcquire(new RateLimitContext(tenant + "-other", "alice", null, "srv", null))
                        .allowed())
                .as("another tenant never shares a bucket")
                .isTrue();
    }

    @Test
    void configChangeOfOneLimitKeepsUnrelatedBuckets() {
        RateLimit unchanged = limit("unchanged", 1, 1, Duration.ofHours(1), null, null, KeyDimension.PRINCIPAL);
        RateLimit retuned = limit("retuned", 1, 1, Duration.ofHours(1), null, "t", KeyDimension.PRINCIPAL);
        RateLimiter before = engine.compile(List.of(unchanged, retuned));
        assertThat(before.tryAcquire(call("alice", "t")).allowed()).isTrue();
        assertThat(before.tryAcquire(call("alice", "t")).allowed()).isFalse();

        RateLimiter sameBundleAgain = engine.compile(List.of(unchanged, retuned));
        assertThat(sameBundleAgain.tryAcquire(call("alice", "x")))
                .as("an unchanged limit keeps its bucket across a swap")
                .isInstanceOfSatisfying(
                        Denied.class, d -> assertThat(d.limitId()).isEqualTo("unchanged"));

        RateLimit retunedBigger = limit("retuned", 5, 1, Duration.ofHours(1), null, "t", KeyDimension.PRINCIPAL);
        RateLimiter after = engine.compile(List.of(retunedBigger));
        assertThat(after.tryAcquire(call("alice", "t")).allowed())
                .as("a changed limit starts afresh")
                .isTrue();
        RateLimiter afterWithUnchanged = engine.compile(List.of(unchanged, retunedBigger));
        assertThat(afterWithUnchanged.tryAcquire(call("alice", "t")))
                .isInstanceOfSatisfying(
                        Denied.class, d -> assertThat(d.limitId()).isEqualTo("unchanged"));
    }

    @Test
    void noLimitsAllowsEverything() {
        RateLimiter limiter = engine.compile(List.of());
        assertThat(limiter.tryAcquire(call("alice", "x")).allowed()).isTrue();
        assertThat(limiter.size()).isZero();
    }
}
