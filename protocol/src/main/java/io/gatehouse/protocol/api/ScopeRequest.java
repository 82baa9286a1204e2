package io.gatehouse.protocol.api;

import java.util.List;

/** {@code POST|PUT /api/v1/scopes}; {@code implies} names other scopes of the catalog. */
public record ScopeRequest(String name, String description, List<String> implies) {}
