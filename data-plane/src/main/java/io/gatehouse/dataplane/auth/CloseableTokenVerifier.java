package io.gatehouse.dataplane.auth;

/**
 * A {@link TokenVerifier} that owns background resources (JWKS refresh threads, an HTTP client).
 * Close it when its bundle is replaced.
 */
public interface CloseableTokenVerifier extends TokenVerifier, AutoCloseable {

    @Override
    void close();
}
