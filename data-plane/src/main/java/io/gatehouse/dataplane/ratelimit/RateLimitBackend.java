package io.gatehouse.dataplane.ratelimit;

/**
 * Where buckets live. Implementations: {@link LocalRateLimitBackend} (this process) and
 * {@link RedisRateLimitBackend} (shared by every agent using the same Redis).
 */
public interface RateLimitBackend extends AutoCloseable {

    /**
     * Takes one token from the bucket {@code key}, creating it full with {@code spec} when absent.
     *
     * @throws BackendUnavailableException when the store cannot answer (shared backends only)
     */
    ConsumeResult tryConsume(String key, BucketSpec spec);

    /** Whether buckets are shared with other agents (and so can be unavailable). */
    boolean shared();

    @Override
    void close();

    /** The store did not answer within its timeout or is disconnected. */
    final class BackendUnavailableException extends RuntimeException {
        public BackendUnavailableException(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }
}
