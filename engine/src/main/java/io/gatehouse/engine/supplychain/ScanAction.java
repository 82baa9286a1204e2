package io.gatehouse.engine.supplychain;

/** What the data plane does about a finding. */
public enum ScanAction {
    /** Report in audit and let the tool or result through. */
    FLAG,
    /** Report, and hide the tool (definitions) or withhold the result (results). */
    BLOCK
}
