package io.gatehouse.engine.supplychain;

/** How dangerous a poisoning finding is, in increasing order. */
public enum Severity {
    LOW,
    MEDIUM,
    HIGH
}
