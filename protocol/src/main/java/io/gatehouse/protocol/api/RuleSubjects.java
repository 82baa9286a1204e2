package io.gatehouse.protocol.api;

import java.util.List;
import java.util.Map;

/** Who a rule applies to; a missing or empty list matches everyone. */
public record RuleSubjects(List<String> users, List<String> groups, List<String> clients, Map<String, String> claims) {}
