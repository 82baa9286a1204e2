package io.gatehouse.protocol.api;

import java.util.List;

/** {@code POST|PUT /api/v1/policies}; a lower {@code priority} is evaluated first, rules in their order. */
public record PolicyRequest(
        String name, String description, Integer priority, PolicyMode mode, Boolean enabled, List<PolicyRule> rules) {}
