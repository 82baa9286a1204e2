package io.gatehouse.dataplane.ratelimit;

import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buckets in Redis, shared by every agent pointing at the same server (Bucket4j compare-and-swap
 * over Lettuce). Keys expire once their bucket would be full again (plus a margin), so idle callers
 * leave Redis by themselves.
 *
 * <p>Every call is bounded: at most {@code timeout} queued behind calls of this agent for the same
 * bucket (same-key calls are serialised per agent, so compare-and-swap retries only happen between
 * agents), then at most {@code timeout} for the Redis round trip. While Redis is unreachable, commands are rejected at
 * once (no queueing) and {@link #tryConsume} throws {@link BackendUnavailableException}; Lettuce
 * reconnects in the background (back-off 50 ms → 1 s) and sharing resumes by itself. If Redis is
 * unreachable when the backend is created, connecting is retried on use, at most once a second.
 */
public final class RedisRateLimitBackend implements RateLimitBackend {
    private static final Logger LOG = LoggerFactory.getLogger(RedisRateLimitBackend.class);

    /** Default bound on one Redis round trip (connect and command). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(200);

    /** Keys outlive the time their bucket needs to be full again by this much. */
    static final Duration EXPIRY_MARGIN = Duration.ofSeconds(10);

    private static final long CONNECT_RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final RedisURI uri;
    private final Duration timeout;
    private final ClientResources resources;
    private final RedisClient client;
    private final Object lock = new Object();
    private final ReentrantLock[] stripes = new ReentrantLock[64];
    private volatile ProxyManager<byte[]> proxyManager;
    private StatefulRedisConnection<byte[], byte[]> connection;
    private CompletableFuture<?> connecting;
    private long lastConnectAttempt;
    private boolean closed;

    /**
     * @param redisUri e.g. {@code redis://host:6379} or {@code rediss://user:password@host:6380/0}
     * @param timeout bound on each Redis round trip
     */
    public RedisRateLimitBackend(String redisUri, Duration timeout) {
        Objects.requireNonNull(redisUri, "redisUri");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: > 0)");
        }
        try {
            this.uri = RedisURI.create(redisUri);
        } catch (IllegalArgumentException e) {
            // the message of RedisURI may echo the URI, which can hold a password
            throw new IllegalArgumentException("redisUri: not a valid redis:// or rediss:// URI");
        }
        this.uri.setTimeout(timeout);
        this.timeout = timeout;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
        this.resources = ClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(
                        Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build());
        connectInBackground(System.nanoTime());
        awaitFirstConnection();
    }

    /** Gives the first connection up to one timeout, so a healthy start does not fail its first calls. */
    private void awaitFirstConnection() {
        CompletableFuture<?> first;
        synchronized (lock) {
            first = connecting;
        }
        if (first == null) {
            return;
        }
        try {
            first.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // logged by connected(); calls follow their failure mode until it succeeds
        }
    }

    @Override
    public ConsumeResult tryConsume(String key, BucketSpec spec) {
        ProxyManager<byte[]> manager = proxyManager;
        if (manager == null) {
            connectInBackground(System.nanoTime());
            throw new BackendUnavailableException("Redis rate-limit store not connected", null);
        }
        byte[] redisKey = key.getBytes(StandardCharsets.UTF_8);
        // One caller per key at a time from this agent: concurrent compare-and-swap on a hot key
        // would otherwise retry until the timeout. Other agents still contend through Redis.
        ReentrantLock stripe = stripes[Math.floorMod(Arrays.hashCode(redisKey), stripes.length)];
        try {
            if (!stripe.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new BackendUnavailableException(
                        "Redis rate-limit store too slow: calls queued past the timeout", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendUnavailableException("interrupted waiting for the Redis rate-limit store", e);
        }
        try {
            ConsumptionProbe probe =
                    manager.builder().build(redisKey, spec::configuration).tryConsumeAndReturnRemaining(1);
            return ConsumeResult.of(probe.isConsumed(), probe.getNanosToWaitForRefill());
        } catch (BackendUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BackendUnavailableException(
                    "Redis rate-limit store did not answer: " + e.getClass().getSimpleName(), e);
        } finally {
            stripe.unlock();
        }
    }

    /** Whether a connection to Redis is established (it may still be reconnecting). */
    public boolean connected() {
        StatefulRedisConnection<byte[], byte[]> current;
        synchronized (lock) {
            current = connection;
        }
        return current != null && current.isOpen();
    }

    private void connectInBackground(long now) {
        synchronized (lock) {
            if (closed || proxyManager != null || connecting != null) {
                return;
            }
            if (lastConnectAttempt != 0 && now - lastConnectAttempt < CONNECT_RETRY_NANOS) {
                return;
            }
            lastConnectAttempt = now;
            connecting = client.connectAsync(ByteArrayCodec.INSTANCE, uri)
                    .toCompletableFuture()
                    .whenComplete((c, failure) -> connected(c, failure));
        }
    }

    private void connected(StatefulRedisConnection<byte[], byte[]> c, Throwable failure) {
        synchronized (lock) {
            connecting = null;
            if (failure != null) {
                LOG.warn(
                        "Redis rate-limit store {}:{} unreachable ({}); retrying on use",
                        uri.getHost(),
                        uri.getPort(),
                        failure.getClass().getSimpleName());
                return;
            }
            if (closed) {
                c.closeAsync();
                return;
            }
            connection = c;
            proxyManager = Bucket4jLettuce.casBasedBuilder(c)
                    .requestTimeout(timeout)
                    .expirationAfterWrite(
                            ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(EXPIRY_MARGIN))
                    .build();
            LOG.info("Redis rate-limit store {}:{} connected", uri.getHost(), uri.getPort());
        }
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public void close() {
        StatefulRedisConnection<byte[], byte[]> c;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            proxyManager = null;
            c = connection;
            connection = null;
        }
        if (c != null) {
            c.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
