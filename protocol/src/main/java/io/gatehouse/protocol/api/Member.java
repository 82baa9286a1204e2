package io.gatehouse.protocol.api;

import java.time.Instant;

/** A user's membership of the caller's tenant ({@code /api/v1/users}); {@code id} is the user id. */
public record Member(String id, String email, Role role, Instant joinedAt, long version) implements Versioned {}
