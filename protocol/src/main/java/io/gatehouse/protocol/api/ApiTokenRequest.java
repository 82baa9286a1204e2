package io.gatehouse.protocol.api;

/** {@code POST /api/v1/tokens}; {@code role} may not exceed the caller's, {@code expiresInDays} is optional. */
public record ApiTokenRequest(String name, Role role, Integer expiresInDays) {}
