package io.gatehouse.protocol.api;

/** {@code POST /api/v1/invitations}. */
public record InvitationRequest(String email, Role role) {}
