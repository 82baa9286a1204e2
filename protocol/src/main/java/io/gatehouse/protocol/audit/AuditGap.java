package io.gatehouse.protocol.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * A deliberate, signed statement that records were dropped before they were batched (e.g. the disk-full
 * policy is "drop" instead of "block"). A gap batch takes its own place in the chain, so the chain itself
 * stays unbroken while the loss is on record.
 *
 * @param droppedRecords how many records were dropped, ≥ 1
 * @param reason UPPER_SNAKE cause, e.g. {@code DISK_FULL}
 * @param from time of the first dropped record
 * @param to time of the last dropped record, not before {@code from}
 */
public record AuditGap(long droppedRecords, String reason, Instant from, Instant to) {

    public AuditGap {
        if (droppedRecords < 1) {
            throw new IllegalArgumentException("gap.droppedRecords: " + droppedRecords + " (expected: >= 1)");
        }
        AuditJson.requireKey("gap.reason", reason);
        Objects.requireNonNull(from, "gap.from");
        Objects.requireNonNull(to, "gap.to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("gap.to: " + to + " is before gap.from " + from);
        }
    }
}
