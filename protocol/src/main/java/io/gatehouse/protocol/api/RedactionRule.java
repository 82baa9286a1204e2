package io.gatehouse.protocol.api;

import java.time.Instant;
import java.util.List;

/** A DLP rule. */
public record RedactionRule(
        String id,
        String name,
        List<String> detectors,
        List<String> patterns,
        Direction direction,
        RedactionAction action,
        List<String> serverIds,
        long version,
        Instant createdAt,
        Instant updatedAt)
        implements Versioned {}
