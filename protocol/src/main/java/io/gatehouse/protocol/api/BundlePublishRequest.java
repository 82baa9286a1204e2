package io.gatehouse.protocol.api;

/**
 * {@code POST /api/v1/bundles:publish}: compile and sign now (no debounce) a new version for one group, or for every
 * group when {@code groupId} is null, even when nothing changed (refreshes the expiry).
 */
public record BundlePublishRequest(String groupId) {}
