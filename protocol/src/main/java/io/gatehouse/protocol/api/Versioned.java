package io.gatehouse.protocol.api;

/**
 * A resource that can be updated: its {@code version} is the strong ETag ({@code "<version>"}) that
 * {@code If-Match} must carry to update or delete it without overwriting someone else's change.
 */
public interface Versioned {
    String id();

    long version();
}
