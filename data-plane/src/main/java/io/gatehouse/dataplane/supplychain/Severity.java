package io.gatehouse.dataplane.supplychain;

/** How dangerous a poisoning finding is, in increasing order. */
public enum Severity {
    LOW,
    MEDIUM,
    HIGH
}
