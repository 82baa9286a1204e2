package io.gatehouse.bench.archviolation;

import io.gatehouse.devstack.archviolation.DevstackHalfOfCycle;

/** Deliberate violation for ArchitectureRulesSelfTest: the other half of a module cycle. */
public final class BenchHalfOfCycle {
    DevstackHalfOfCycle other;
}
