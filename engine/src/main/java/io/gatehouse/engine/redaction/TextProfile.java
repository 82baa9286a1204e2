package io.gatehouse.engine.redaction;

/**
 * What the built-in detectors' pre-filters ask about a string, computed in one pass instead of one pass per
 * detector: which trigger characters occur, the longest digit runs (plain, and with single spaces or dashes
 * between digits), the longest base-64 run, whether an IBAN-like start occurs, and a 1024-bit set of the
 * adjacent character pairs present, so a literal needle whose pairs are not all present is ruled out without
 * searching. Every answer is exact or errs towards "may contain" (a pre-filter never drops a match).
 */
final class TextProfile {

    private final String text;
    private final long[] pairs = new long[16];
    private boolean at;
    private boolean plus;
    private boolean dash;
    private boolean ibanStart;
    private int maxDigitRun;
    private int maxDigitRunWithSeparators;
    private int maxBase64Run;

    private TextProfile(String text) {
        this.text = text;
    }

    static TextProfile of(String text) {
        TextProfile p = new TextProfile(text);
        p.scan();
        return p;
    }

    private void scan() {
        int n = text.length();
        int digits = 0;
        int digitsSep = 0;
        int base64 = 0;
        char prev = 0;
        char prev2 = 0;
        char prev3 = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            boolean digit = c >= '0' && c <= '9';
            if (digit) {
                digits++;
                digitsSep++;
                if (digits > maxDigitRun) {
                    maxDigitRun = digits;
                }
                if (digitsSep > maxDigitRunWithSeparators) {
                    maxDigitRunWithSeparators = digitsSep;
                }
                if (prev >= '0' && prev <= '9' && prev2 >= 'A' && prev2 <= 'Z' && prev3 >= 'A' && prev3 <= 'Z') {
                    ibanStart = true;
                }
            } else {
                digits = 0;
                boolean separator = (c == ' ' || c == '-')
                        && digitsSep > 0
                        && i + 1 < n
                        && text.charAt(i + 1) >= '0'
                        && text.charAt(i + 1) <= '9';
                if (!separator) {
                    digitsSep = 0;
                }
                switch (c) {
                    case '@' -> at = true;
                    case '+' -> plus = true;
                    case '-' -> dash = true;
                    default -> {}
                }
            }
            if (digit || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '+' || c == '/') {
                if (++base64 > maxBase64Run) {
                    maxBase64Run = base64;
                }
            } else {
                base64 = 0;
            }
            if (i > 0) {
                int h = pair(prev, c);
                pairs[h >>> 6] |= 1L << (h & 63);
            }
            prev3 = prev2;
            prev2 = prev;
            prev = c;
        }
    }

    private static int pair(char a, char b) {
        return ((a * 31) ^ (b * 7)) & 1023;
    }

    String text() {
        return text;
    }

    /** Whether {@code needle} (two characters or more) occurs: its pairs are checked before any search. */
    boolean contains(String needle) {
        for (int i = 1; i < needle.length(); i++) {
            int h = pair(needle.charAt(i - 1), needle.charAt(i));
            if ((pairs[h >>> 6] & (1L << (h & 63))) == 0) {
                return false;
            }
        }
        return text.contains(needle);
    }

    boolean containsAny(String... needles) {
        for (String needle : needles) {
            if (contains(needle)) {
                return true;
            }
        }
        return false;
    }

    boolean hasAt() {
        return at;
    }

    boolean hasPlus() {
        return plus;
    }

    boolean hasDash() {
        return dash;
    }

    /** Whether two upper-case letters followed by two digits occur (an IBAN's start). */
    boolean hasIbanStart() {
        return ibanStart;
    }

    /** The longest run of digits; with {@code separators}, single spaces or dashes between digits do not end it. */
    int maxDigitRun(boolean separators) {
        return separators ? maxDigitRunWithSeparators : maxDigitRun;
    }

    int maxBase64Run() {
        return maxBase64Run;
    }
}
