package io.gatehouse.protocol.api;

import java.util.List;

/** What a rule applies to: server ids, tool globs and MCP methods; missing or empty matches all. */
public record RuleTargets(List<String> servers, List<String> tools, List<String> methods) {}
