package io.gatehouse.controlplane.alerts;

/** What an alert is about; the {@code type} member of every delivery and the webhook's event filter. */
public enum AlertType {
    /** Denials of one tenant exceeded the threshold within a minute. */
    DENY_SPIKE,
    /** A tool definition no longer matches its pinned hash. */
    PIN_DRIFT,
    /** A kill switch was engaged or lifted. */
    KILL_SWITCH,
    /** A tool definition or result was flagged as poisoning / prompt injection. */
    POISONING_FINDING,
    /** Audit batches of an agent are missing (sequence gap) or were dropped on purpose (gap batch). */
    AUDIT_GAP,
    /** An audit batch failed verification (bad signature, unknown agent, broken chain) and was dead-lettered. */
    AUDIT_BATCH_REJECTED
}
