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

    /** Cheap check on the one-pass profile; {@code false} means the text certainly holds no match. */
    abstract boolean mayContain(TextProfile profile, String field);

    /**
     * Validates a regex candidate.
     *
     * @return the end of the accepted value (at most {@code m.end()}), or -1 to reject it
     */
    abstract int accept(Matcher m, String text, String field);

    @Override
    public final void find(String text, String field, List<Match> out) {
        find(TextProfile.of(text), field, out);
    }

    /** As {@link #find(String, String, List)}, with the text's profile computed once for every detector. */
    final void find(TextProfile profile, String field, List<Match> out) {
        if (!mayContain(profile, field)) {
            return;
        }
        String text = profile.text();
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

    /** A detector whose regex match needs no further validation beyond the pre-filter needles. */
    static PatternDetector literal(String id, String regex, String... needles) {
        Pattern p = Pattern.compile(regex);
        return new PatternDetector(id, p) {
            @Override
            boolean mayContain(TextProfile profile, String field) {
                return profile.containsAny(needles);
            }

            @Override
            int accept(Matcher m, String text, String field) {
                return m.end();
            }
        };
    }
}
