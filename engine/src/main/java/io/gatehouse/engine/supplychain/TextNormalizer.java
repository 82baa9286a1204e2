package io.gatehouse.engine.supplychain;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;

/**
 * Turns text into the form the poisoning rules match, so that trivial obfuscation does not evade them:
 * Unicode tag characters (U+E0020–U+E007E, "ASCII smuggling") are decoded to the ASCII they hide;
 * zero-width and other invisible characters and bidirectional controls are removed (and counted);
 * the rest is NFKC-normalised (full-width and styled letters become plain), common Cyrillic and Greek
 * look-alikes map to Latin letters, typographic quotes to ASCII, case is folded and whitespace collapsed.
 * A zero-width joiner or variation selector right after a symbol (emoji sequences) is dropped without
 * being counted.
 */
final class TextNormalizer {

    /** The normalised text and what was removed on the way. */
    record Normalized(String text, int invisible, int tagCharacters, int bidiControls, int bidiMarks) {}

    private static final Map<Character, Character> CONFUSABLES = Map.ofEntries(
            Map.entry('а', 'a'),
            Map.entry('в', 'b'),
            Map.entry('е', 'e'),
            Map.entry('к', 'k'),
            Map.entry('м', 'm'),
            Map.entry('н', 'h'),
            Map.entry('о', 'o'),
            Map.entry('р', 'p'),
            Map.entry('с', 'c'),
            Map.entry('т', 't'),
            Map.entry('у', 'y'),
            Map.entry('х', 'x'),
            Map.entry('ѕ', 's'),
            Map.entry('і', 'i'),
            Map.entry('ј', 'j'),
            Map.entry('ԁ', 'd'),
            Map.entry('ԛ', 'q'),
            Map.entry('ԝ', 'w'),
            Map.entry('ү', 'y'),
            Map.entry('һ', 'h'),
            Map.entry('ɡ', 'g'),
            Map.entry('ı', 'i'),
            Map.entry('ο', 'o'),
            Map.entry('α', 'a'),
            Map.entry('ε', 'e'),
            Map.entry('ι', 'i'),
            Map.entry('κ', 'k'),
            Map.entry('ν', 'v'),
            Map.entry('ρ', 'p'),
            Map.entry('τ', 't'),
            Map.entry('υ', 'u'),
            Map.entry('χ', 'x'),
            Map.entry('ѵ', 'v'),
            Map.entry('ɑ', 'a'),
            Map.entry('ℓ', 'l'),
            Map.entry('\u2018', '\''),
            Map.entry('\u2019', '\''),
            Map.entry('\u201C', '"'),
            Map.entry('\u201D', '"'),
            Map.entry('\u00AB', '"'),
            Map.entry('\u00BB', '"'),
            Map.entry('\u2010', '-'),
            Map.entry('\u2011', '-'),
            Map.entry('\u2013', '-'),
            Map.entry('\u2014', '-'),
            Map.entry('\u2212', '-'));

    private TextNormalizer() {}

    static Normalized normalize(String raw) {
        StringBuilder kept = new StringBuilder(raw.length());
        int invisible = 0;
        int tags = 0;
        int bidi = 0;
        int marks = 0;
        int previous = -1;
        for (int i = 0; i < raw.length(); ) {
            int cp = raw.codePointAt(i);
            i += Character.charCount(cp);
            if (cp >= 0xE0000 && cp <= 0xE007F) {
                tags++;
                if (cp >= 0xE0020 && cp <= 0xE007E) {
                    kept.append((char) (cp - 0xE0000));
                }
            } else if (isBidiControl(cp)) {
                bidi++;
            } else if (cp == 0x200E || cp == 0x200F || cp == 0x061C) {
                marks++;
            } else if (isEmojiJoiner(cp) && previous >= 0 && isSymbol(previous)) {
                continue; // part of an emoji sequence: drop silently, keep `previous`
            } else if (isInvisible(cp)) {
                invisible++;
            } else {
                kept.appendCodePoint(cp);
            }
            previous = cp;
        }
        String text = Normalizer.normalize(kept, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            Character mapped = CONFUSABLES.get(Character.toLowerCase(c));
            char lower = mapped != null ? mapped : Character.toLowerCase(c);
            if (Character.isWhitespace(lower) || Character.isSpaceChar(lower)) {
                space = true;
                continue;
            }
            if (space && !out.isEmpty()) {
                out.append(' ');
            }
            space = false;
            out.append(lower);
        }
        return new Normalized(out.toString().toLowerCase(Locale.ROOT), invisible, tags, bidi, marks);
    }

    static boolean isBidiControl(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
    }

    static boolean isInvisible(int cp) {
        return cp == 0x200B
                || cp == 0x200C
                || cp == 0x200D
                || (cp >= 0x2060 && cp <= 0x2064)
                || cp == 0xFEFF
                || cp == 0x180E
                || cp == 0x00AD
                || cp == 0x034F
                || cp == 0x115F
                || cp == 0x1160
                || cp == 0x3164
                || cp == 0xFFA0
                || cp == 0x17B4
                || cp == 0x17B5
                || (cp >= 0xFE00 && cp <= 0xFE0F)
                || (cp >= 0xE0100 && cp <= 0xE01EF);
    }

    private static boolean isEmojiJoiner(int cp) {
        return cp == 0x200D || cp == 0xFE0E || cp == 0xFE0F;
    }

    private static boolean isSymbol(int cp) {
        return Character.getType(cp) == Character.OTHER_SYMBOL || cp >= 0x1F000 && cp <= 0x1FAFF;
    }
}
