package io.gatehouse.engine.redaction;

import io.gatehouse.engine.redaction.Redactor.CompiledRule;
import io.gatehouse.protocol.bundle.RedactionRule.Action;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Finds the matches of a set of rules in one string, merges overlaps and renders the replacements. */
final class SpanRewriter {

    private final SecretKeySpec key;
    private final int hexChars;

    SpanRewriter(byte[] key, int hexChars) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
        this.hexChars = hexChars;
    }

    private record Candidate(int start, int end, CompiledRule rule, String detector) {}

    /**
     * Returns {@code text} itself when nothing matched. The text is profiled once (one pass) and every
     * built-in detector's pre-filter reads the profile; {@code out} may be null to only compute the result.
     */
    String rewrite(
            String text, String field, Pointer pointer, boolean isKey, List<CompiledRule> rules, List<Finding> out) {
        if (text.isEmpty()) {
            return text;
        }
        int shortest = Integer.MAX_VALUE;
        for (CompiledRule rule : rules) {
            shortest = Math.min(shortest, rule.minLength());
        }
        if (text.length() < shortest) {
            return text;
        }
        TextProfile profile = null;
        List<Candidate> candidates = null;
        List<Detector.Match> matches = null;
        for (CompiledRule rule : rules) {
            for (Detector d : rule.detectors()) {
                if (matches == null) {
                    matches = new ArrayList<>(2);
                } else {
                    matches.clear();
                }
                if (d instanceof PatternDetector pattern) {
                    if (profile == null) {
                        profile = TextProfile.of(text);
                    }
                    pattern.find(profile, field, matches);
                } else {
                    d.find(text, field, matches);
                }
                for (Detector.Match m : matches) {
                    if (candidates == null) {
                        candidates = new ArrayList<>();
                    }
                    candidates.add(new Candidate(m.start(), m.end(), rule, d.id()));
                }
            }
        }
        if (candidates == null) {
            return text;
        }
        String where = pointer.toString();
        candidates.sort(Comparator.comparingInt(Candidate::start));
        StringBuilder sb = new StringBuilder(text.length());
        int written = 0;
        int i = 0;
        while (i < candidates.size()) {
            Candidate best = candidates.get(i);
            int start = best.start(), end = best.end();
            Action action = best.rule().action();
            int j = i + 1;
            for (; j < candidates.size() && candidates.get(j).start() < end; j++) {
                Candidate c = candidates.get(j);
                end = Math.max(end, c.end());
                if (stronger(c, best)) {
                    best = c;
                }
                if (c.rule().action().compareTo(action) > 0) {
                    action = c.rule().action();
                }
            }
            sb.append(text, written, start).append(render(best.detector(), action, text.substring(start, end)));
            written = end;
            if (out != null) {
                out.add(new Finding(best.rule().id(), best.detector(), where, isKey, action));
            }
            i = j;
        }
        return sb.append(text, written, text.length()).toString();
    }

    private static boolean stronger(Candidate c, Candidate best) {
        int byAction = c.rule().action().compareTo(best.rule().action());
        return byAction > 0 || byAction == 0 && c.end() - c.start() > best.end() - best.start();
    }

    private String render(String detector, Action action, String value) {
        if (action == Action.HASH) {
            return "[HASH:" + detector + ":" + hash(value) + "]";
        }
        return "[REDACTED:" + detector + "]";
    }

    String hash(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, hexChars);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
