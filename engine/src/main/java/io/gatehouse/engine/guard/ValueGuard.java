package io.gatehouse.engine.guard;

/** A compiled check of one string argument value. Implementations are immutable and thread-safe. */
public sealed interface ValueGuard permits PathGuard, UrlGuard {

    /** Checks one raw argument value; never throws for hostile input. */
    GuardVerdict check(String rawValue);
}
