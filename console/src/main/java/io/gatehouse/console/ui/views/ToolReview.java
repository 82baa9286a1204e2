package io.gatehouse.console.ui.views;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.protocol.api.DiscoveredTool;
import io.gatehouse.protocol.api.PinnedTool;
import io.gatehouse.protocol.api.ServerTools;
import io.gatehouse.protocol.api.ToolFinding;
import io.gatehouse.protocol.api.ToolPinRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A server's tools as an admin reviews them: one row per tool name, discovered and/or pinned, with its
 * state, the poisoning findings and the old-against-new definition diff; and the approval an admin's
 * selection makes. Approving pins exactly the selected discovered tools (the API replaces the pin set),
 * so a pinned tool the server no longer announces is unpinned, and a tool the scan blocks cannot be
 * selected. A plain object, unit-tested without a browser.
 */
public record ToolReview(ServerTools tools, List<Row> rows) {
    public ToolReview {
        Objects.requireNonNull(tools, "tools");
        rows = List.copyOf(rows);
    }

    /** How a tool compares with the pins. */
    public enum State {
        /** Announced with the pinned fingerprint. */
        PINNED("pinned"),
        /** Announced with another definition than the pinned one: hidden until approved. */
        CHANGED("changed"),
        /** Announced, never pinned: hidden until approved. */
        NEW("new"),
        /** Pinned but no longer announced: approving unpins it. */
        REMOVED("removed");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One tool.
     *
     * @param fingerprint the discovered fingerprint (null for a removed tool)
     * @param pinnedFingerprint the pinned fingerprint (null for a new tool)
     * @param pinned the pinned definition (null for a new tool)
     * @param discovered the discovered definition (null for a removed tool)
     */
    public record Row(
            String name,
            State state,
            String fingerprint,
            String pinnedFingerprint,
            JsonNode pinned,
            JsonNode discovered,
            List<ToolFinding> findings) {
        public Row {
            findings = findings == null ? List.of() : List.copyOf(findings);
        }

        /** Whether the poisoning scan blocks this definition (the data plane hides it, the API refuses to pin it). */
        public boolean blocked() {
            return findings.stream().anyMatch(f -> "BLOCK".equals(f.action()));
        }

        /** Whether an admin may select it for approval: discovered and not blocked. */
        public boolean approvable() {
            return discovered != null && !blocked();
        }

        /** Whether it needs a decision: anything but an unchanged pin. */
        public boolean needsReview() {
            return state != State.PINNED;
        }

        /** The old-against-new diff of the pinned fields. */
        public DefinitionDiff diff() {
            return DefinitionDiff.between(pinned, discovered);
        }

        /** The findings as one line each: {@code HIGH BLOCK INSTRUCTION_OVERRIDE at /description}. */
        public List<String> findingLines() {
            return findings.stream()
                    .map(f -> f.severity() + " " + f.action() + " " + f.id() + " at "
                            + (f.pointer() == null || f.pointer().isEmpty() ? "/" : f.pointer()))
                    .toList();
        }
    }

    public static ToolReview of(ServerTools tools) {
        Map<String, PinnedTool> pins = new LinkedHashMap<>();
        for (PinnedTool p : nz(tools.pinned())) {
            pins.put(p.name(), p);
        }
        List<Row> rows = new ArrayList<>();
        for (DiscoveredTool d : nz(tools.discovered())) {
            PinnedTool pin = pins.remove(d.name());
            State state =
                    pin == null ? State.NEW : pin.fingerprint().equals(d.fingerprint()) ? State.PINNED : State.CHANGED;
            rows.add(new Row(
                    d.name(),
                    state,
                    d.fingerprint(),
                    pin == null ? null : pin.fingerprint(),
                    pin == null ? null : pin.definition(),
                    d.definition(),
                    d.findings()));
        }
        for (PinnedTool p : pins.values()) {
            rows.add(new Row(p.name(), State.REMOVED, null, p.fingerprint(), p.definition(), null, List.of()));
        }
        return new ToolReview(tools, rows);
    }

    private static <T> List<T> nz(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** The tools selected by default: every approvable one. */
    public Set<String> defaultSelection() {
        Set<String> names = new java.util.LinkedHashSet<>();
        rows.stream().filter(Row::approvable).forEach(r -> names.add(r.name()));
        return names;
    }

    /** Whether approving the default selection would change the pins. */
    public boolean pendingChanges() {
        return rows.stream().anyMatch(Row::needsReview);
    }

    /** What {@code POST …/tools:approve} gets for {@code selected}: their names and reviewed fingerprints. */
    public List<ToolPinRef> approval(Set<String> selected) {
        return rows.stream()
                .filter(r -> selected.contains(r.name()) && r.approvable())
                .map(r -> new ToolPinRef(r.name(), r.fingerprint()))
                .toList();
    }

    /**
     * What approving {@code selected} does, in words: which tools get pinned or re-pinned, which pins go,
     * and which tools stay hidden.
     */
    public List<String> effects(Set<String> selected) {
        List<String> pinNew = new ArrayList<>();
        List<String> repin = new ArrayList<>();
        List<String> unpin = new ArrayList<>();
        List<String> hidden = new ArrayList<>();
        for (Row r : rows) {
            boolean chosen = selected.contains(r.name()) && r.approvable();
            switch (r.state()) {
                case NEW -> (chosen ? pinNew : hidden).add(r.name());
                case CHANGED -> (chosen ? repin : hidden).add(r.name());
                case PINNED -> {
                    if (!chosen) {
                        unpin.add(r.name());
                    }
                }
                case REMOVED -> unpin.add(r.name());
            }
        }
        List<String> out = new ArrayList<>();
        if (!pinNew.isEmpty()) {
            out.add("Pin new: " + String.join(", ", pinNew));
        }
        if (!repin.isEmpty()) {
            out.add("Accept the changed definition of: " + String.join(", ", repin));
        }
        if (!unpin.isEmpty()) {
            out.add("Unpin (the data planes hide them): " + String.join(", ", unpin));
        }
        if (!hidden.isEmpty()) {
            out.add("Stay hidden, not approved: " + String.join(", ", hidden));
        }
        if (out.isEmpty()) {
            out.add("No change: the pins already match.");
        }
        return out;
    }
}
