package io.gatehouse.protocol.api;

/** Which token claims carry the subject, the groups and the scopes. */
public record ClaimMappings(String subject, String groups, String scopes) {}
