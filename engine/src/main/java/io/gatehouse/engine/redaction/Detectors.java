package io.gatehouse.engine.redaction;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The built-in detectors, by stable id. */
public final class Detectors {

    /**
     * No built-in detector matches fewer characters: the shortest is an e-mail address such as {@code a@b.cd}
     * (a phone number needs 9, every key or token far more), so shorter strings (most JSON member names) are
     * skipped without scanning.
     */
    public static final int MIN_MATCH_LENGTH = 6;

    private static final Map<String, Detector> BUILT_IN;

    static {
        Map<String, Detector> m = new LinkedHashMap<>();
        for (Detector d : TokenDetectors.all()) {
            m.put(d.id(), d);
        }
        Detector pem = new PemPrivateKeyDetector();
        m.put(pem.id(), pem);
        for (Detector d : PiiDetectors.all()) {
            m.put(d.id(), d);
        }
        BUILT_IN = Map.copyOf(m);
    }

    private Detectors() {}

    /** Every built-in detector id, sorted. */
    public static Set<String> ids() {
        return new TreeSet<>(BUILT_IN.keySet());
    }

    /**
     * The built-in detector with this id.
     *
     * @throws RedactionConfigException if there is none
     */
    public static Detector byId(String id) {
        Detector d = BUILT_IN.get(id);
        if (d == null) {
            throw new RedactionConfigException("unknown detector '" + id + "' (expected one of " + ids() + ")");
        }
        return d;
    }
}
