package io.gatehouse.protocol.api;

/**
 * {@code POST /api/v1/bundles:rollback}: publish the content of {@code version} of group {@code groupId} again, under a
 * new, higher version (versions never go down, so agents accept it).
 */
public record BundleRollbackRequest(String groupId, Long version) {}
