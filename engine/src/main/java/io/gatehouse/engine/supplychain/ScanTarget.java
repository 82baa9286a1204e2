package io.gatehouse.engine.supplychain;

/** Where scanned text came from; severities differ because tool results legitimately quote arbitrary text. */
public enum ScanTarget {
    /** A tool's name, title, description, schemas or annotations from {@code tools/list}. */
    DEFINITION,
    /** The content of a {@code tools/call} result. */
    RESULT
}
