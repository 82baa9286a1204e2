package io.gatehouse.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code POST /api/v1/redaction-rules:test}: runs the data plane's redaction engine on a sample. Give either
 * {@code text} or {@code json}, and either a stored rule ({@code ruleId}) or an inline one ({@code detectors}
 * and/or {@code patterns}, {@code action} defaulting to mask). {@code direction} (default {@code response})
 * picks which rules of a stored one apply.
 */
public record RedactionTestRequest(
        String text,
        JsonNode json,
        String ruleId,
        List<String> detectors,
        List<String> patterns,
        RedactionAction action,
        Direction direction) {}
