package io.gatehouse.engine.redaction;

/**
 * What the built-in detectors' pre-filters ask about a string, computed in one pass instead of one pass per
 * detector: which trigger characters occur, the longest digit runs (plain, and with single spaces or dashes
 * between digits), the longest base-64 run, whether an IBAN-like start occurs, and a 1024-bit set of the
 * adjacent character pairs present, so a literal needle whose pairs are not all present is ruled out without
 * searching. Every answer is exact or errs towards "may contain" (a pre-filter never drops a match).
 */
final class TextProfile {

    private static final int DIGIT = 1;
    private static final int UPPER = 2;
    private static final int BASE64 = 4; // letters, digits, '+', '/'
    private static final int SEPARATOR = 8; // ' ' and '-' between digits
    private static final int AT = 16;
    private static final int PLUS = 32;
    private static final int DASH = 64;

    /** Character classes of ASCII; everything else has none. */
    private static final byte[] CLASS = new byte[128];

    /**
     * The first two characters of the literal needles the built-in detectors ask for (AWS key prefixes, {@code
     * gh*_}, {@code gl*-}, {@code xox}/{@code xapp-}, {@code sk-}/{@code sk_}/{@code rk_}, {@code eyJ}, {@code
     * AIza}). A profile records which of these pairs occur (one table lookup per character); a needle whose
     * first pair is listed but never occurred is absent without searching. Other needles are searched for.
     */
    private static final String[] NEEDLE_PAIRS = {
        "AK", "AS", "AB", "AC", "AG", "AI", "AN", "AP", "AR", "gh", "gi", "gl", "xo", "xa", "sk", "rk", "ey"
    };

    /** Pair {@code (c1 << 7) | c2} of ASCII characters → its bit in {@link #pairsSeen} plus one, or 0. */
    private static final byte[] PAIR_BIT = new byte[128 * 128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            CLASS[c] = DIGIT | BASE64;
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            CLASS[c] = UPPER | BASE64;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            CLASS[c] = BASE64;
        }
        CLASS['+'] = BASE64 | PLUS;
        CLASS['/'] = BASE64;
        CLASS[' '] = SEPARATOR;
        CLASS['-'] = SEPARATOR | DASH;
        CLASS['@'] = AT;
        for (int i = 0; i < NEEDLE_PAIRS.length; i++) {
            PAIR_BIT[NEEDLE_PAIRS[i].charAt(0) << 7 | NEEDLE_PAIRS[i].charAt(1)] = (byte) (i + 1);
        }
    }

    private final String text;
    private long pairsSeen;
    private int flags;
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
        int seen = 0;
        int prev = 0; // previous character (ASCII), 0 otherwise
        int prevClass = 0;
        int prev2Class = 0;
        int prev3Class = 0;
        for (int i = 0; i < n; i++) {
            char ch = text.charAt(i);
            int c = ch < 128 ? ch : 0;
            int k = CLASS[c];
            seen |= k;
            if ((k & DIGIT) != 0) {
                if (++digits > maxDigitRun) {
                    maxDigitRun = digits;
                }
                if (++digitsSep > maxDigitRunWithSeparators) {
                    maxDigitRunWithSeparators = digitsSep;
                }
                if ((prevClass & DIGIT) != 0 && (prev2Class & UPPER) != 0 && (prev3Class & UPPER) != 0) {
                    ibanStart = true;
                }
            } else {
                digits = 0;
                if ((k & SEPARATOR) == 0
                        || digitsSep == 0
                        || i + 1 >= n
                        || text.charAt(i + 1) < '0'
                        || text.charAt(i + 1) > '9') {
                    digitsSep = 0;
                }
            }
            if ((k & BASE64) != 0) {
                if (++base64 > maxBase64Run) {
                    maxBase64Run = base64;
                }
            } else {
                base64 = 0;
            }
            int bit = PAIR_BIT[prev << 7 | c];
            if (bit != 0) {
                pairsSeen |= 1L << bit;
            }
            prev = c;
            prev3Class = prev2Class;
            prev2Class = prevClass;
            prevClass = k;
        }
        flags = seen;
    }

    String text() {
        return text;
    }

    /** Whether {@code needle} (two characters or more) occurs; a listed first pair is checked before a search. */
    boolean contains(String needle) {
        char a = needle.charAt(0);
        char b = needle.charAt(1);
        int bit = a < 128 && b < 128 ? PAIR_BIT[a << 7 | b] : 0;
        if (bit != 0 && (pairsSeen & (1L << bit)) == 0) {
            return false;
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
        return (flags & AT) != 0;
    }

    boolean hasPlus() {
        return (flags & PLUS) != 0;
    }

    boolean hasDash() {
        return (flags & DASH) != 0;
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
