package io.gatehouse.protocol.api;

/** {@code POST /api/v1/signup}: creates a tenant and its owner. */
public record SignupRequest(String tenantName, String email, String password) {}
