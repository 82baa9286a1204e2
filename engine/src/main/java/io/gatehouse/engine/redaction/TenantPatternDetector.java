package io.gatehouse.engine.redaction;

import static java.util.Objects.requireNonNull;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.List;
import java.util.regex.MatchResult;

/**
 * A tenant-defined pattern, compiled with RE2/J: matching is linear in the input whatever the pattern, and
 * backreferences and lookaround (the features that make backtracking engines exponential) do not compile.
 * Limits keep the compiled automaton small, since its size multiplies the per-character cost.
 */
final class TenantPatternDetector implements Detector {

    /** Longest accepted pattern, in characters. */
    static final int MAX_LENGTH = 512;
    /** Most alternatives ({@code |}) in one pattern. */
    static final int MAX_ALTERNATIONS = 64;
    /** Largest product of counted repetition bounds ({@code {n,m}}), a bound on automaton growth. */
    static final long MAX_REPETITION_PRODUCT = 100_000;

    private static final java.util.regex.Pattern COUNTED =
            java.util.regex.Pattern.compile("(?<!\\\\)\\{([0-9]{1,9})(?:,([0-9]{0,9}))?}");

    private final String id;
    private final Pattern pattern;

    private TenantPatternDetector(String id, Pattern pattern) {
        this.id = id;
        this.pattern = pattern;
    }

    /**
     * Compiles a tenant pattern.
     *
     * @param id the detector id findings carry, e.g. {@code pattern:acme-ids}
     * @param where where the pattern comes from, for error messages, e.g. {@code rule acme-ids patterns[0]}
     * @throws RedactionConfigException if the pattern is too long or complex, does not compile under RE2, or
     *     matches the empty string
     */
    static TenantPatternDetector compile(String id, String where, String regex) {
        requireNonNull(regex, where);
        if (regex.length() > MAX_LENGTH) {
            throw new RedactionConfigException(
                    where + ": pattern has " + regex.length() + " characters (expected <= " + MAX_LENGTH + ")");
        }
        long alternations = regex.chars().filter(c -> c == '|').count();
        if (alternations > MAX_ALTERNATIONS) {
            throw new RedactionConfigException(
                    where + ": pattern has " + alternations + " alternatives (expected <= " + MAX_ALTERNATIONS + ")");
        }
        long product = 1;
        for (MatchResult r : COUNTED.matcher(regex).results().toList()) {
            String max = r.group(2) == null || r.group(2).isEmpty() ? r.group(1) : r.group(2);
            product = Math.min(product * Math.max(1, Long.parseLong(max)), Long.MAX_VALUE / 2_000_000_000L);
        }
        if (product > MAX_REPETITION_PRODUCT) {
            throw new RedactionConfigException(where + ": counted repetitions multiply to " + product + " (expected <= "
                    + MAX_REPETITION_PRODUCT + ")");
        }
        Pattern compiled;
        try {
            compiled = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new RedactionConfigException(
                    where + ": not a valid RE2 pattern (" + e.getDescription() + "); RE2 has no backreferences or "
                            + "lookaround",
                    e);
        }
        if (compiled.matcher("").find()) {
            throw new RedactionConfigException(where + ": pattern matches the empty string");
        }
        return new TenantPatternDetector(id, compiled);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void find(String text, String field, List<Match> out) {
        Matcher m = pattern.matcher(text);
        int from = 0;
        while (from <= text.length() && m.find(from)) {
            if (m.end() > m.start()) {
                out.add(new Match(m.start(), m.end()));
                from = m.end();
            } else {
                from = m.end() + 1;
            }
        }
    }
}
