package io.gatehouse.protocol.api;

/** Result of a sign-up; {@code token} is a session bearer token, shown once. */
public record SignupResponse(String tenantId, String userId, String token) {}
