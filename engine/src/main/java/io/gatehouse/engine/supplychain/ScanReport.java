package io.gatehouse.engine.supplychain;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The findings of one scan, most severe first.
 *
 * @param findings at most one per finding id and pointer (the most severe)
 */
public record ScanReport(List<Finding> findings) {

    public ScanReport {
        findings = findings.stream()
                .sorted(Comparator.comparing(Finding::severity)
                        .reversed()
                        .thenComparing(Finding::pointer)
                        .thenComparing(Finding::id))
                .toList();
    }

    /** True when any finding's rule blocks. */
    public boolean blocked() {
        return findings.stream().anyMatch(f -> f.action() == ScanAction.BLOCK);
    }

    /** The highest severity found, if any. */
    public Optional<Severity> maxSeverity() {
        return findings.stream().map(Finding::severity).max(Comparator.naturalOrder());
    }

    public boolean isClean() {
        return findings.isEmpty();
    }

    /** Whether a finding with this id was reported. */
    public boolean has(FindingId id) {
        return findings.stream().anyMatch(f -> f.id() == id);
    }
}
