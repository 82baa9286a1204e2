package io.gatehouse.protocol.api;

import java.util.List;
import java.util.Map;

/** Extra conditions of a rule, all of which must hold: a CEL expression over the request context, source CIDRs, a time window and header values. */
public record RuleConditions(
        String cel, List<String> sourceCidrs, TimeWindow timeWindow, Map<String, String> headers) {}
