package io.gatehouse.protocol.api;

/**
 * A poisoning-scan finding on a tool definition. Never carries the text that matched.
 *
 * @param id stable finding id, e.g. {@code INSTRUCTION_OVERRIDE}
 * @param severity {@code LOW}, {@code MEDIUM} or {@code HIGH}
 * @param action {@code FLAG} or {@code BLOCK} (a blocked tool stays hidden even when pinned)
 * @param pointer RFC 6901 pointer into the tool definition
 */
public record ToolFinding(String id, String severity, String action, String pointer) {}
