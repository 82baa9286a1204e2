package io.gatehouse.protocol.api;

/**
 * One redacted value: where and by what, never the value.
 *
 * @param pointer RFC 6901 pointer of the string ({@code ""} for plain text)
 * @param key whether it was found in a JSON member name
 */
public record RedactionFinding(String ruleId, String detector, String pointer, boolean key, RedactionAction action) {}
