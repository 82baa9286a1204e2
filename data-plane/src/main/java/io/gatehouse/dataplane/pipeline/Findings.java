package io.gatehouse.dataplane.pipeline;

import io.gatehouse.engine.redaction.Finding;
import io.gatehouse.engine.supplychain.ScanTarget;
import io.gatehouse.protocol.audit.Finding.Kind;
import java.util.Locale;

/** Turns engine findings into audit findings: detector, action and location, never the matched text. */
final class Findings {

    private static final int MAX_DETAIL = 500;

    private Findings() {}

    static io.gatehouse.protocol.audit.Finding redaction(Finding f, String where) {
        String location = (f.pointer().isEmpty() ? "/" : f.pointer()) + (f.key() ? " (member name)" : "");
        return new io.gatehouse.protocol.audit.Finding(
                Kind.REDACTION,
                detector(f.detector()),
                clip(where + " " + location + ": " + f.action().name().toLowerCase(Locale.ROOT) + " by rule "
                        + f.ruleId()));
    }

    static io.gatehouse.protocol.audit.Finding scan(io.gatehouse.engine.supplychain.Finding f, ScanTarget target) {
        return new io.gatehouse.protocol.audit.Finding(
                target == ScanTarget.DEFINITION ? Kind.SUPPLY_CHAIN : Kind.PROMPT_INJECTION,
                detector(f.id().name()),
                clip((target == ScanTarget.DEFINITION ? "definition of tool '" : "result of tool '") + f.tool() + "' "
                        + (f.pointer().isEmpty() ? "/" : f.pointer()) + ": "
                        + f.severity().name().toLowerCase(Locale.ROOT)
                        + ", " + f.action().name().toLowerCase(Locale.ROOT)));
    }

    static io.gatehouse.protocol.audit.Finding pin(String key, String tool, String announced) {
        return new io.gatehouse.protocol.audit.Finding(
                Kind.SUPPLY_CHAIN, detector(key), clip("tool '" + tool + "' announced " + announced + ": hidden"));
    }

    /** A stable lower_snake detector id ({@code pattern:Acme-IDs} → {@code pattern:acme-ids}). */
    static String detector(String id) {
        String d = id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.:-]", "_");
        if (d.isEmpty() || !Character.isLetterOrDigit(d.charAt(0))) {
            d = "x" + d;
        }
        return d.length() > 128 ? d.substring(0, 128) : d;
    }

    private static String clip(String detail) {
        String oneLine = detail.replaceAll("\\p{Cntrl}", " ");
        return oneLine.length() > MAX_DETAIL ? oneLine.substring(0, MAX_DETAIL) : oneLine;
    }
}
