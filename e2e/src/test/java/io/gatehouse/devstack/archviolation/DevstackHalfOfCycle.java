package io.gatehouse.devstack.archviolation;

import io.gatehouse.bench.archviolation.BenchHalfOfCycle;

/** Deliberate violation for ArchitectureRulesSelfTest: one half of a module cycle. */
public final class DevstackHalfOfCycle {
    BenchHalfOfCycle other;
}
