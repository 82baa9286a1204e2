package io.gatehouse.engine.redaction;

import java.nio.CharBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Built-in detectors for personal data: e-mail, phone numbers, national ids, payment cards, IBANs. */
final class PiiDetectors {

    private PiiDetectors() {}

    static List<Detector> all() {
        return List.of(email(), phoneE164(), phoneCnMobile(), usSsn(), paymentCard(), iban(), cnResidentId());
    }

    /** Suffixes of "name@2x.png"-style file names, which are not top-level domains in practice. */
    private static final Set<String> FILE_EXTENSIONS = Set.of(
            "png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "ico", "css", "js", "mjs", "ts", "tsx", "jsx", "json",
            "yaml", "yml", "html", "htm", "txt", "md", "pdf", "zip", "gz", "tgz", "jar", "war", "map", "lock", "xml");

    static Detector email() {
        Pattern p = Pattern.compile(
                "(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@"
                        + "(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-]|\\.[A-Za-z0-9])");
        return new PatternDetector("email", p) {
            @Override
            boolean mayContain(TextProfile profile, String field) {
                return profile.hasAt();
            }

            @Override
            int accept(Matcher m, String text, String field) {
                String v = m.group();
                int at = v.indexOf('@');
                // "a..b@x.io" and a local part ending in a dot are not addresses; "icon@2x.png" is a file.
                String tld = v.substring(v.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
                boolean file = FILE_EXTENSIONS.contains(tld);
                return v.contains("..") || v.charAt(at - 1) == '.' || file ? -1 : m.end();
            }
        };
    }

    /** ITU-T E.164 country codes in use (1 to 3 digits); a prefix in this set is a valid country code. */
    private static final Set<String> COUNTRY_CODES = Set.of(
            "1", "7", "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47",
            "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65", "66", "81",
            "82", "84", "86", "90", "91", "92", "93", "94", "95", "98");

    private static final Set<String> COUNTRY_CODE_BLOCKS = Set.of(
            "21", "22", "23", "24", "25", "26", "29", "35", "37", "38", "42", "50", "59", "67", "68", "69", "85", "87",
            "88", "96", "97", "99");

    /** Strict E.164: "+", a country code in use and 8 to 15 digits in total, nothing glued on either side. */
    static Detector phoneE164() {
        Pattern p = Pattern.compile("(?<![A-Za-z0-9+/_.-])\\+[1-9][0-9]{7,14}(?![0-9]|[.,][0-9])");
        return new PatternDetector("phone_e164", p) {
            @Override
            boolean mayContain(TextProfile profile, String field) {
                return profile.hasPlus() && profile.maxDigitRun(false) >= 8;
            }

            @Override
            int accept(Matcher m, String text, String field) {
                String d = m.group().substring(1);
                if (d.startsWith("1")) {
                    // NANP: +1 NPA NXX XXXX, area code and exchange start with 2-9
                    return d.length() == 11 && d.charAt(1) >= '2' && d.charAt(4) >= '2' ? m.end() : -1;
                }
                if (d.startsWith("7")) {
                    return d.length() == 11 ? m.end() : -1;
                }
                boolean known = COUNTRY_CODES.contains(d.substring(0, 2))
                        || COUNTRY_CODE_BLOCKS.contains(d.substring(0, 2)) && d.length() >= 9;
                return known && d.length() >= 9 ? m.end() : -1;
            }
        };
    }

    /** Mainland-China mobile numbers: allocated 1xx prefixes, optional +86/0086/86 and 3-4-4 grouping. */
    static Detector phoneCnMobile() {
        Pattern p = Pattern.compile("(?<![A-Za-z0-9+_.-])(?:(?:\\+|00)?86[ -]?)?"
                + "1(?:3[0-9]|4[5-9]|5[0-35-9]|6[2567]|7[0-8]|8[0-9]|9[0-35-9])([ -]?)[0-9]{4}\\1[0-9]{4}"
                + "(?![A-Za-z0-9]|[.,-][0-9])");
        return new PatternDetector("phone_cn_mobile", p) {
            @Override
            boolean mayContain(TextProfile profile, String field) {
                return profile.maxDigitRun(true) >= 11;
            }

            @Override
            int accept(Matcher m, String text, String field) {
                return m.end();
            }
        };
    }

    /** US SSN in its dashed form, excluding never-issued areas (000, 666, 9xx), groups and serials. */
    static Detector usSsn() {
        Pattern p = Pattern.compile("(?<![A-Za-z0-9-])([0-9]{3})-([0-9]{2})-([0-9]{4})(?![A-Za-z0-9]|-[0-9])");
        return new PatternDetector("us_ssn", p) {
            @Override
            boolean mayContain(TextProfile profile, String field) {
                return profile.hasDash() && profile.maxDigitRun(true) >= 9;
            }

            @Override
            int accept(Matcher m, String text, String field) {
                String area = m.group(1), group = m.group(2), serial = m.group(3);
                if (area.equals("000") || area.equals("666") || area.charAt(0) == '9') {
                    return -1;
                }
                if (group.equals("00") || serial.equals("0000")) {
                    return -1;
                }
                String v = m.group();
                boolean famousInvalid = v.equals("078-05-1120") || v.equals("219-09-9999") || v.equals("123-45-6789");
                return famousInvalid ? -1 : m.end();
            }
        };
    }

    /**
     * Payment cards: 13-19 digits, optionally grouped by one kind of separator, a known issuer prefix for that
     * length, and a valid Luhn check digit. Trailing groups are dropped when the full run does not validate.
     */
    static Detector paymentCard() {
        Pattern p = Pattern.compile("(?<![A-Za-z0-9.,-])[0-9](?:[ -]?[0-9]){12,22}(?![A-Za-z0-9]|[.,][0-9])");
        return new PatternDetector("payment_card", p) {
            @Override
            boolean mayContain(TextProfile profile, String field) {
                return profile.maxDigitRun(true) >= 13;
            }

            @Override
            int accept(Matcher m, String text, String field) {
                return acceptCard(text, m.start(), m.end());
            }
        };
    }

    /**
     * Splits the run into groups (one kind of separator, 3 to 13 digits each), then tries the longest prefix of
     * whole groups first. Allocation-free apart from two small arrays: this runs at every digit of long numbers.
     */
    static int acceptCard(String text, int start, int end) {
        char[] digits = new char[23];
        int[] groupEnd = new int[23];
        int[] digitsUpTo = new int[23];
        int groups = 0, n = 0, groupLength = 0;
        char sep = 0;
        for (int i = start; i <= end; i++) {
            char c = i < end ? text.charAt(i) : 0;
            if (c >= '0' && c <= '9') {
                digits[n++] = c;
                groupLength++;
                continue;
            }
            boolean separator = c == ' ' || c == '-';
            if (separator && sep != 0 && c != sep || groupLength < 3 && (separator || groups > 0)) {
                break;
            }
            groupEnd[groups] = i;
            digitsUpTo[groups++] = n;
            groupLength = 0;
            if (separator) {
                sep = c;
            }
        }
        for (int g = groups - 1; g >= 0; g--) {
            int count = digitsUpTo[g];
            if (count >= 13 && count <= 19 && validCard(digits, count)) {
                return groupEnd[g];
            }
        }
        return -1;
    }

    static boolean validCard(char[] d, int n) {
        int p2 = (d[0] - '0') * 10 + (d[1] - '0');
        int p3 = p2 * 10 + (d[2] - '0');
        int p4 = p3 * 10 + (d[3] - '0');
        boolean brand = d[0] == '4' && (n == 13 || n == 16 || n == 19) // Visa
                || (p2 >= 51 && p2 <= 55 || p4 >= 2221 && p4 <= 2720) && n == 16 // Mastercard
                || (p2 == 34 || p2 == 37) && n == 15 // American Express
                || (p4 == 6011 || p2 == 65 || p3 >= 644 && p3 <= 649) && n >= 16 // Discover
                || p4 >= 3528 && p4 <= 3589 && n >= 16 // JCB
                || (p2 == 36 || p2 == 38 || p2 == 39 || p3 >= 300 && p3 <= 305) && n >= 14 // Diners
                || p2 == 62 && n >= 16 // UnionPay
                || (p2 == 50 || p2 >= 56 && p2 <= 69) && n >= 13; // Maestro
        if (!brand) {
            return false;
        }
        boolean allSame = true;
        for (int i = 1; i < n && allSame; i++) {
            allSame = d[i] == d[0];
        }
        return !allSame && Checksums.luhn(CharBuffer.wrap(d, 0, n));
    }

    /** IBAN lengths per country (SWIFT IBAN registry). */
    static final Map<String, Integer> IBAN_LENGTHS = Map.ofEntries(
            Map.entry("AD", 24),
            Map.entry("AE", 23),
            Map.entry("AL", 28),
            Map.entry("AT", 20),
            Map.entry("AZ", 28),
            Map.entry("BA", 20),
            Map.entry("BE", 16),
            Map.entry("BG", 22),
            Map.entry("BH", 22),
            Map.entry("BR", 29),
            Map.entry("CH", 21),
            Map.entry("CR", 22),
            Map.entry("CY", 28),
            Map.entry("CZ", 24),
            Map.entry("DE", 22),
            Map.entry("DK", 18),
            Map.entry("DO", 28),
            Map.entry("EE", 20),
            Map.entry("EG", 29),
            Map.entry("ES", 24),
            Map.entry("FI", 18),
            Map.entry("FO", 18),
            Map.entry("FR", 27),
            Map.entry("GB", 22),
            Map.entry("GE", 22),
            Map.entry("GI", 23),
            Map.entry("GL", 18),
            Map.entry("GR", 27),
            Map.entry("GT", 28),
            Map.entry("HR", 21),
            Map.entry("HU", 28),
            Map.entry("IE", 22),
            Map.entry("IL", 23),
            Map.entry("IQ", 23),
            Map.entry("IS", 26),
            Map.entry("IT", 27),
            Map.entry("JO", 30),
            Map.entry("KW", 30),
            Map.entry("KZ", 20),
            Map.entry("LB", 28),
            Map.entry("LC", 32),
            Map.entry("LI", 21),
            Map.entry("LT", 20),
            Map.entry("LU", 20),
            Map.entry("LV", 21),
            Map.entry("MC", 27),
            Map.entry("MD", 24),
            Map.entry("ME", 22),
            Map.entry("MK", 19),
            Map.entry("MR", 27),
            Map.entry("MT", 31),
            Map.entry("MU", 30),
            Map.entry("NL", 18),
            Map.entry("NO", 15),
            Map.entry("PK", 24),
            Map.entry("PL", 28),
            Map.entry("PS", 29),
            Map.entry("PT", 25),
            Map.entry("QA", 29),
            Map.entry("RO", 24),
            Map.entry("RS", 22),
            Map.entry("SA", 24),
            Map.entry("SC", 31),
            Map.entry("SE", 24),
            Map.entry("SI", 19),
            Map.entry("SK", 24),
            Map.entry("SM", 27),
            Map.entry("ST", 25),
            Map.entry("SV", 28),
            Map.entry("TL", 23),
            Map.entry("TN", 24),
            Map.entry("TR", 26),
            Map.entry("UA", 29),
            Map.entry("VA", 22),
            Map.entry("VG", 24),
            Map.entry("XK", 20));

    /** IBAN, compact or in groups of four: registered country, that country's length, and mod-97 == 1. */
    static Detector iban() {
        Pattern p = Pattern.compile("(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]){11,30}(?![A-Za-z0-9])");
        return new PatternDetector("iban", p) {
            @Override
            boolean mayContain(TextProfile profile, String field) {
                return profile.text().length() >= 15 && profile.hasIbanStart();
            }

            @Override
            int accept(Matcher m, String text, String field) {
                String v = m.group();
                Integer expected = IBAN_LENGTHS.get(v.substring(0, 2));
                if (expected == null) {
                    return -1;
                }
                StringBuilder compact = new StringBuilder(expected);
                int i = 0;
                for (; i < v.length() && compact.length() < expected; i++) {
                    if (v.charAt(i) != ' ') {
                        compact.append(v.charAt(i));
                    }
                }
                if (compact.length() < expected || i < v.length() && v.charAt(i) != ' ') {
                    return -1;
                }
                return Checksums.ibanMod97(compact.toString()) ? m.start() + i : -1;
            }
        };
    }

    /** Mainland-China resident identity number: region, real birth date, sequence, MOD 11-2 check. */
    static Detector cnResidentId() {
        Pattern p = Pattern.compile("(?<![A-Za-z0-9])[1-8][0-9]{5}((?:18|19|20)[0-9]{2})(0[1-9]|1[0-2])"
                + "(0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx](?![A-Za-z0-9])");
        return new PatternDetector("cn_resident_id", p) {
            @Override
            boolean mayContain(TextProfile profile, String field) {
                return profile.maxDigitRun(false) >= 17;
            }

            @Override
            int accept(Matcher m, String text, String field) {
                boolean date = Checksums.pastDate(
                        Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
                return date && Checksums.cnResidentId(m.group()) ? m.end() : -1;
            }
        };
    }
}
