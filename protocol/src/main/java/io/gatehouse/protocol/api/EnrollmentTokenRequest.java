package io.gatehouse.protocol.api;

/** {@code POST /api/v1/enrollment-tokens}; the TTL defaults to 15 minutes (at most 24 hours), max uses to 1. */
public record EnrollmentTokenRequest(String groupId, Integer ttlSeconds, Integer maxUses) {}
