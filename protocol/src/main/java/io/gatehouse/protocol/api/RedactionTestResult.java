package io.gatehouse.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The outcome of a redaction test: the redacted {@code text} or {@code json} (whichever was sent), whether a
 * {@code block} rule matched (the data plane would refuse the call or withhold the result), and the findings.
 */
public record RedactionTestResult(String text, JsonNode json, boolean blocked, List<RedactionFinding> findings) {}
