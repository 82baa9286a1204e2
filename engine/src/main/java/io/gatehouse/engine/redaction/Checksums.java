package io.gatehouse.engine.redaction;

import java.time.DateTimeException;
import java.time.LocalDate;

/** Check digits of the validated formats. */
final class Checksums {

    private Checksums() {}

    /** Luhn (mod 10) over ASCII digits. */
    static boolean luhn(CharSequence digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    /** ISO 13616 IBAN check: move the first four characters to the end, letters to 10..35, mod 97 == 1. */
    static boolean ibanMod97(String iban) {
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        int rem = 0;
        for (int i = 0; i < rearranged.length(); i++) {
            char c = rearranged.charAt(i);
            if (c >= '0' && c <= '9') {
                rem = (rem * 10 + (c - '0')) % 97;
            } else if (c >= 'A' && c <= 'Z') {
                rem = (rem * 100 + (c - 'A' + 10)) % 97;
            } else {
                return false;
            }
        }
        return rem == 1;
    }

    private static final int[] CN_ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CN_ID_CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    /** GB 11643-1999 (ISO 7064 MOD 11-2) check character of an 18-character resident identity number. */
    static boolean cnResidentId(String id) {
        if (id.length() != 18) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int d = id.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            sum += d * CN_ID_WEIGHTS[i];
        }
        return Character.toUpperCase(id.charAt(17)) == CN_ID_CHECK[sum % 11];
    }

    /** Whether yyyy, mm, dd form a real calendar date between 1900-01-01 and today. */
    static boolean pastDate(int year, int month, int day) {
        try {
            LocalDate date = LocalDate.of(year, month, day);
            return year >= 1900 && !date.isAfter(LocalDate.now());
        } catch (DateTimeException e) {
            return false;
        }
    }
}
