package io.gatehouse.protocol.api;

/** One ordered rule of a policy; {@code id} is stable and reported with every decision. */
public record PolicyRule(
        String id,
        String description,
        RuleSubjects subjects,
        RuleTargets targets,
        RuleConditions conditions,
        Effect effect) {}
