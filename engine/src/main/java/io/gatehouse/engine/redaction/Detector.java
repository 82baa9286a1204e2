package io.gatehouse.engine.redaction;

import java.util.List;

/**
 * Finds one kind of sensitive value in text. Implementations are immutable and thread-safe, and run a
 * cheap pre-filter before any regular expression so text without candidates costs little.
 */
public interface Detector {

    /** The stable id a bundle's {@code RedactionRule.detectors} list names, e.g. {@code email}. */
    String id();

    /**
     * Appends every validated match in {@code text} to {@code out}, in ascending order of start.
     *
     * @param text the text to scan
     * @param field the JSON member name the text is the value of, or {@code null}; some detectors use it as
     *     context (an AWS secret key has no prefix of its own)
     * @param out receives the matches
     */
    void find(String text, String field, List<Match> out);

    /** A match: {@code text.substring(start, end)} is the sensitive value. */
    record Match(int start, int end) {
        public Match {
            if (start < 0 || end <= start) {
                throw new IllegalArgumentException("match: [" + start + ", " + end + ") (expected 0 <= start < end)");
            }
        }
    }
}
