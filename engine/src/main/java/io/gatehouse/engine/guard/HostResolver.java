package io.gatehouse.engine.guard;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Resolves a host name to addresses for the {@link UrlGuard} DNS check. Implementations must be
 * thread-safe; an exception or an empty list makes the guard deny ({@code URL_DNS_FAILURE}).
 */
@FunctionalInterface
public interface HostResolver {

    /**
     * All addresses of {@code asciiHost} (an A-label name, never an IP literal).
     *
     * @throws IOException when the name does not resolve or the lookup fails or times out
     */
    List<InetAddress> resolve(String asciiHost) throws IOException;

    /**
     * The operating system's resolver ({@link InetAddress#getAllByName}, subject to the JVM's DNS
     * cache), bounded by {@code timeout}: a slower lookup fails and the guard denies.
     */
    static HostResolver system(Duration timeout) {
        requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: > 0)");
        }
        long nanos = timeout.toNanos();
        return host -> {
            Future<InetAddress[]> lookup = SystemLookups.submit(host);
            try {
                return List.of(lookup.get(nanos, TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                lookup.cancel(true);
                throw new IOException("DNS lookup timed out after " + timeout.toMillis() + " ms", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownHostException u) {
                    throw u;
                }
                throw new IOException("DNS lookup failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("DNS lookup interrupted", e);
            }
        };
    }
}
