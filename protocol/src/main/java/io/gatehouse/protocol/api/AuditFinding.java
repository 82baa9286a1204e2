package io.gatehouse.protocol.api;

/** What a protection noticed during a call: {@code kind} REDACTION, SUPPLY_CHAIN or PROMPT_INJECTION. */
public record AuditFinding(String kind, String detector, String detail) {}
