package io.gatehouse.protocol.api;

import java.util.List;

/** {@code POST|PUT /api/v1/redaction-rules}; {@code patterns} are RE2 regular expressions, an empty {@code serverIds} means every server. */
public record RedactionRuleRequest(
        String name,
        List<String> detectors,
        List<String> patterns,
        Direction direction,
        RedactionAction action,
        List<String> serverIds) {}
