package io.gatehouse.bench;

import io.gatehouse.dataplane.ratelimit.RateLimitContext;
import io.gatehouse.dataplane.ratelimit.RateLimitDecision;
import io.gatehouse.dataplane.ratelimit.RateLimitEngine;
import io.gatehouse.dataplane.ratelimit.RateLimiter;
import io.gatehouse.devstack.EmbeddedRedis;
import io.gatehouse.protocol.bundle.RateLimit;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Overhead of the rate-limit step (step 7) per call: one limit keyed by principal + tool, local
 * (in-memory Bucket4j) versus shared through a real Redis (devstack's embedded Redis on loopback,
 * Bucket4j's Lettuce CAS). The bucket never empties, so every call is a full acquire.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RateLimitBench {

    @Param({"local", "redis"})
    String backend;

    private EmbeddedRedis redis;
    private RateLimitEngine engine;
    private RateLimiter limiter;
    private final RateLimitContext call = new RateLimitContext("t-bench", "alice", "ide", "srv-files", "read_file");

    @Setup(Level.Trial)
    public void setUp() {
        if (backend.equals("redis")) {
            redis = EmbeddedRedis.start();
            engine = RateLimitEngine.create(redis.uri(), Duration.ofSeconds(1));
        } else {
            engine = RateLimitEngine.create(null, Duration.ofSeconds(1));
        }
        limiter = engine.compile(List.of(new RateLimit(
                "bench",
                List.of(RateLimit.KeyDimension.PRINCIPAL, RateLimit.KeyDimension.TOOL),
                null,
                null,
                1_000_000_000L,
                1_000_000_000L,
                Duration.ofSeconds(1),
                RateLimit.FailureMode.CLOSED)));
        if (!limiter.tryAcquire(call).allowed()) {
            throw new IllegalStateException("the benchmark bucket refused its first call");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
        if (redis != null) {
            redis.close();
        }
    }

    @Benchmark
    public RateLimitDecision tryAcquire() {
        return limiter.tryAcquire(call);
    }
}
