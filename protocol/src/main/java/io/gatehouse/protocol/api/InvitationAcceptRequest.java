package io.gatehouse.protocol.api;

/** {@code POST /api/v1/invitations:accept}: joins the inviting tenant; creates the user when the email is new, otherwise {@code password} must be the existing one. */
public record InvitationAcceptRequest(String token, String password) {}
