package io.gatehouse.protocol.api;

/** {@code POST /api/v1/sessions}; {@code tenantId} is needed only when the user belongs to several tenants. */
public record LoginRequest(String email, String password, String tenantId) {}
