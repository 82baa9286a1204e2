package io.gatehouse.engine.redaction;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A built-in detector: a pre-filter, a bounded regular expression (no nested unbounded repetition, so the
 * backtracking engine stays linear on these fixed patterns) and a validator (checksum, structure, context).
 */
abstract class PatternDetector implements Detector {

    private final String id;
    private final Pattern pattern;

    PatternDetector(String id, Pattern pattern) {
        this.id = requireNonNull(id, "id");
        this.pattern = requireNonNull(pattern, "pattern");
    }

    @Override
    public final String id() {
        return id;
    }

    /** Cheap check; {@code false} means the text certainly holds no match. */
    abstract boolean mayContain(String text, String field);

    /**
     * Validates a regex candidate.
     *
     * @return the end of the accepted value (at most {@code m.end()}), or -1 to reject it
     */
    abstract int accept(Matcher m, String text, String field);

    @Override
    public final void find(String text, String field, List<Match> out) {
        if (!mayContain(text, field)) {
            return;
        }
        Matcher m = pattern.matcher(text);
        int from = 0;
        while (from < text.length() && m.find(from)) {
            int end = accept(m, text, field);
            if (end > m.start()) {
                out.add(new Match(m.start(), end));
                from = end;
            } else {
                from = m.start() + 1;
            }
        }
    }

    static boolean containsAny(String text, String... needles) {
        for (String n : needles) {
            if (text.contains(n)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code text} holds at least {@code atLeast} digits in one run; with {@code separators}, single
     * spaces or dashes between digits do not end the run. One pass, no allocation.
     */
    static boolean digitRun(String text, int atLeast, boolean separators) {
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++run >= atLeast) {
                    return true;
                }
            } else if (!(separators
                    && (c == ' ' || c == '-')
                    && run > 0
                    && i + 1 < text.length()
                    && text.charAt(i + 1) >= '0'
                    && text.charAt(i + 1) <= '9')) {
                run = 0;
            }
        }
        return false;
    }

    /** Whether {@code text} holds two upper-case letters followed by two digits (an IBAN's start). */
    static boolean countryAndCheckDigits(String text) {
        for (int i = 0; i + 3 < text.length(); i++) {
            char a = text.charAt(i + 2), b = text.charAt(i + 3);
            if (a >= '0' && a <= '9' && b >= '0' && b <= '9') {
                char c = text.charAt(i), d = text.charAt(i + 1);
                if (c >= 'A' && c <= 'Z' && d >= 'A' && d <= 'Z') {
                    return true;
                }
            }
        }
        return false;
    }

    /** A detector whose regex match needs no further validation beyond the pre-filter needles. */
    static PatternDetector literal(String id, String regex, String... needles) {
        Pattern p = Pattern.compile(regex);
        return new PatternDetector(id, p) {
            @Override
            boolean mayContain(String text, String field) {
                return containsAny(text, needles);
            }

            @Override
            int accept(Matcher m, String text, String field) {
                return m.end();
            }
        };
    }
}
