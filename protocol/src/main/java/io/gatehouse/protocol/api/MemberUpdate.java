package io.gatehouse.protocol.api;

/** {@code PUT /api/v1/users/{id}}: changes a member's role. */
public record MemberUpdate(Role role) {}
