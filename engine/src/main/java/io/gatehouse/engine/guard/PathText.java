package io.gatehouse.engine.guard;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/** Character-level checks and transforms shared by the path canonicaliser. Stateless. */
final class PathText {

    /** Characters that look like path syntax but are not, and that NFKC does not fold. */
    private static final String CONFUSABLES = "\u2215\u2044\u29F8\u2571\u27CB\u3033" // slash-like
            + "\u2216\u29F5\u29F9\u2572\u27CD" // backslash-like
            + "\u3002\uFF61\u2024\u2025\u2026\uFF0E\uFE52" // dot-like
            + "\uFF1A\u2236\uA789\uFE55\uFE13" // colon-like
            + "\uFF0F\uFF3C\uFE68\uFF05\uFE6A"; // full-width / small forms of / \ %

    /** ASCII characters that carry path meaning and must never arrive percent-encoded. */
    private static final String STRUCTURAL = "/\\.:%~";

    private PathText() {}

    /** NUL, control, format (bidi, zero-width), lone surrogate and replacement characters. */
    static Problem scanCharacters(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80 && c >= 0x20 && c != 0x7F) {
                continue;
            }
            if (c == 0) {
                return new Problem(GuardReason.PATH_NUL_BYTE, "NUL character at index " + i);
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = s.codePointAt(i);
                    i++;
                    int type = Character.getType(cp);
                    if (type == Character.FORMAT || type == Character.UNASSIGNED) {
                        return new Problem(
                                GuardReason.PATH_CONTROL_CHARACTER,
                                String.format("invisible or unassigned character U+%X at index %d", cp, i - 1));
                    }
                    continue;
                }
                return new Problem(GuardReason.PATH_ENCODING, "unpaired surrogate at index " + i);
            }
            if (Character.isLowSurrogate(c)) {
                return new Problem(GuardReason.PATH_ENCODING, "unpaired surrogate at index " + i);
            }
            if (c == '\uFFFD') {
                return new Problem(GuardReason.PATH_ENCODING, "replacement character U+FFFD (a lossy decoding)");
            }
            int type = Character.getType(c);
            if (type == Character.CONTROL) {
                return new Problem(
                        GuardReason.PATH_CONTROL_CHARACTER,
                        String.format("control character U+%04X at index %d", (int) c, i));
            }
            if (type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                return new Problem(
                        GuardReason.PATH_CONTROL_CHARACTER,
                        String.format("invisible format character U+%04X at index %d", (int) c, i));
            }
            if (CONFUSABLES.indexOf(c) >= 0) {
                return new Problem(
                        GuardReason.PATH_CONFUSABLE,
                        String.format("U+%04X looks like path syntax at index %d", (int) c, i));
            }
        }
        return null;
    }

    /** IIS-style {@code %uXXXX} escapes: not a standard encoding, so never guessed at. */
    static Problem nonStandardEscape(String s) {
        for (int i = s.indexOf('%'); i >= 0 && i + 5 < s.length(); i = s.indexOf('%', i + 1)) {
            char u = s.charAt(i + 1);
            if ((u == 'u' || u == 'U')
                    && hex(s.charAt(i + 2)) >= 0
                    && hex(s.charAt(i + 3)) >= 0
                    && hex(s.charAt(i + 4)) >= 0
                    && hex(s.charAt(i + 5)) >= 0) {
                return new Problem(GuardReason.PATH_ENCODING, "non-standard %u escape at index " + i);
            }
        }
        return null;
    }

    /** True when {@code s} contains a {@code %XX} escape. */
    static boolean hasPercentEscape(String s) {
        for (int i = s.indexOf('%'); i >= 0 && i + 2 < s.length(); i = s.indexOf('%', i + 1)) {
            if (hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Decodes {@code %XX} escapes once, strictly as UTF-8. The result is in {@code out[0]}; a
     * non-null return is the problem that stopped decoding.
     */
    static Problem percentDecode(String s, String[] out) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); ) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                int b = hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2));
                if (b == 0) {
                    return new Problem(GuardReason.PATH_NUL_BYTE, "percent-encoded NUL at index " + i);
                }
                if (b < 0x20 || b == 0x7F) {
                    return new Problem(
                            GuardReason.PATH_CONTROL_CHARACTER, "percent-encoded control character at index " + i);
                }
                if (b < 0x80 && STRUCTURAL.indexOf(b) >= 0) {
                    return new Problem(
                            GuardReason.PATH_ENCODING,
                            b == '%'
                                    ? "percent-encoded '%' (double encoding) at index " + i
                                    : "percent-encoded path syntax '" + (char) b + "' at index " + i);
                }
                bytes.write(b);
                i += 3;
            } else {
                int cp = s.codePointAt(i);
                byte[] utf8 = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                bytes.writeBytes(utf8);
                i += Character.charCount(cp);
            }
        }
        try {
            out[0] = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
            return null;
        } catch (CharacterCodingException e) {
            return new Problem(
                    GuardReason.PATH_ENCODING, "percent-encoding is not valid UTF-8 (overlong or truncated)");
        }
    }

    /**
     * Checks that compatibility normalisation (NFKC) does not create path syntax: full-width and
     * other compatibility forms of {@code / \ . : % ~} are denied.
     */
    static Problem compatibilityFolds(String s) {
        if (isAscii(s)) {
            return null;
        }
        String folded = Normalizer.normalize(s, Normalizer.Form.NFKC);
        if (countStructural(folded) != countStructural(s)) {
            return new Problem(GuardReason.PATH_CONFUSABLE, "a compatibility character normalises to path syntax");
        }
        return null;
    }

    static String nfc(String s) {
        return isAscii(s) ? s : Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static int countStructural(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (STRUCTURAL.indexOf(s.charAt(i)) >= 0) {
                n++;
            }
        }
        return n;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
