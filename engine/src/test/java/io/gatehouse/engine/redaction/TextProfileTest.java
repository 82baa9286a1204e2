package io.gatehouse.engine.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The one-pass profile must never rule out what a direct search finds (a pre-filter may not drop a match). */
class TextProfileTest {

    private static final String ALPHABET = "AKSBCGINPRghixolaskreyJ_-+@/ 0123456789 DEZz.é";
    private static final String[] NEEDLES = {
        "AKIA",
        "ASIA",
        "AIza",
        "ghp_",
        "github_pat_",
        "glpat-",
        "xox",
        "xapp-",
        "sk-",
        "sk_live_",
        "rk_test_",
        "eyJ",
        "sk-ant-",
        "-----BEGIN",
        "zz"
    };

    @Test
    void agreesWithDirectSearchesOnRandomText() {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 20_000; round++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(60);
            for (int i = 0; i < length; i++) {
                sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            if (random.nextInt(4) == 0) {
                sb.insert(random.nextInt(sb.length() + 1), NEEDLES[random.nextInt(NEEDLES.length)]);
            }
            String text = sb.toString();
            TextProfile profile = TextProfile.of(text);
            for (String needle : NEEDLES) {
                assertThat(profile.contains(needle)).as(text + " / " + needle).isEqualTo(text.contains(needle));
            }
            assertThat(profile.hasAt()).isEqualTo(text.indexOf('@') >= 0);
            assertThat(profile.hasPlus()).isEqualTo(text.indexOf('+') >= 0);
            assertThat(profile.hasDash()).isEqualTo(text.indexOf('-') >= 0);
            assertThat(profile.maxDigitRun(false)).as(text).isEqualTo(digitRun(text, false));
            assertThat(profile.maxDigitRun(true)).as(text).isEqualTo(digitRun(text, true));
            assertThat(profile.maxBase64Run())
                    .as(text)
                    .isEqualTo(java.util.Arrays.stream(text.split("[^A-Za-z0-9+/]", -1))
                            .mapToInt(String::length)
                            .max()
                            .orElse(0));
            assertThat(profile.hasIbanStart()).as(text).isEqualTo(text.matches("(?s).*[A-Z]{2}[0-9]{2}.*"));
        }
    }

    /** The definition the pre-filters had before the profile: single spaces or dashes may join digit groups. */
    private static int digitRun(String text, boolean separators) {
        int run = 0;
        int max = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                max = Math.max(max, ++run);
            } else if (!(separators
                    && (c == ' ' || c == '-')
                    && run > 0
                    && i + 1 < text.length()
                    && text.charAt(i + 1) >= '0'
                    && text.charAt(i + 1) <= '9')) {
                run = 0;
            }
        }
        return max;
    }
}
