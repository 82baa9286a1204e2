package io.gatehouse.engine.redaction;

import static io.gatehouse.engine.redaction.PatternDetector.literal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Built-in detectors for credentials: provider API keys and tokens, JWTs. */
final class TokenDetectors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenDetectors() {}

    static List<Detector> all() {
        return List.of(
                awsAccessKeyId(),
                awsSecretAccessKey(),
                openAi(),
                anthropic(),
                github(),
                gitlab(),
                slack(),
                stripe(),
                google(),
                jwt());
    }

    private static final String[] AWS_PREFIXES = {
        "AKIA", "ASIA", "ABIA", "ACCA", "AGPA", "AIDA", "AIPA", "ANPA", "ANVA", "APKA", "AROA"
    };

    /** Access key ids: a four-letter type prefix and 16 base-32 characters. */
    static Detector awsAccessKeyId() {
        return literal(
                "aws_access_key_id",
                "(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA)[A-Z2-7]{16}(?![A-Za-z0-9])",
                AWS_PREFIXES);
    }

    private static final Pattern AWS_CONTEXT = Pattern.compile("(?i)aws|secret[_ -]?access|secret[_ -]?key");

    /**
     * Secret access keys have no prefix: 40 base-64 characters with upper, lower case and digits, accepted only
     * with context (the member name, or "aws"/"secret access"/"secret key" up to 100 characters before).
     */
    static Detector awsSecretAccessKey() {
        Pattern p = Pattern.compile("(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])");
        return new PatternDetector("aws_secret_access_key", p) {
            @Override
            boolean mayContain(TextProfile profile, String field) {
                return profile.maxBase64Run() >= 40
                        && (hasContext(field)
                                || AWS_CONTEXT.matcher(profile.text()).find());
            }

            @Override
            int accept(Matcher m, String text, String field) {
                String v = m.group();
                if (!mixed(v)) {
                    return -1;
                }
                if (hasContext(field)
                        || AWS_CONTEXT
                                .matcher(text.substring(Math.max(0, m.start() - 100), m.start()))
                                .find()) {
                    return m.end();
                }
                return -1;
            }
        };
    }

    private static boolean hasContext(String field) {
        return field != null && AWS_CONTEXT.matcher(field).find();
    }

    private static boolean mixed(String v) {
        boolean upper = false, lower = false, digit = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
            digit |= c >= '0' && c <= '9';
        }
        return upper && lower && digit;
    }

    /**
     * OpenAI keys: {@code sk-proj-}, {@code sk-svcacct-}, {@code sk-admin-} keys, or legacy {@code sk-} keys
     * carrying the {@code T3BlbkFJ} marker.
     */
    static Detector openAi() {
        Pattern p = Pattern.compile(
                "(?<![A-Za-z0-9_-])sk-(?:(proj|svcacct|admin)-)?[A-Za-z0-9_-]{20,300}(?![A-Za-z0-9_-])");
        return new PatternDetector("openai_api_key", p) {
            @Override
            boolean mayContain(TextProfile profile, String field) {
                return profile.contains("sk-");
            }

            @Override
            int accept(Matcher m, String text, String field) {
                String v = m.group();
                if (v.startsWith("sk-ant-")) {
                    return -1;
                }
                if (v.contains("T3BlbkFJ")) {
                    return m.end();
                }
                return m.group(1) != null && v.length() >= 40 && mixed(v) ? m.end() : -1;
            }
        };
    }

    static Detector anthropic() {
        return literal(
                "anthropic_api_key",
                "(?<![A-Za-z0-9_-])sk-ant-(?:api|admin|oat|ort)[0-9]{2}-[A-Za-z0-9_-]{32,300}(?![A-Za-z0-9_-])",
                "sk-ant-");
    }

    static Detector github() {
        return literal(
                "github_token",
                "(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?![A-Za-z0-9_])",
                "ghp_",
                "gho_",
                "ghu_",
                "ghs_",
                "ghr_",
                "github_pat_");
    }

    static Detector gitlab() {
        return literal(
                "gitlab_token",
                "(?<![A-Za-z0-9_-])(?:glpat|gldt|glrt|glptt|glcbt|glft|glimt|glsoat|gloas)-[A-Za-z0-9_-]{20,200}"
                        + "(?:\\.[A-Za-z0-9]{2}\\.[A-Za-z0-9]{6,12})?(?![A-Za-z0-9_-])",
                "glpat-",
                "gldt-",
                "glrt-",
                "glptt-",
                "glcbt-",
                "glft-",
                "glimt-",
                "glsoat-",
                "gloas-");
    }

    static Detector slack() {
        return literal(
                "slack_token",
                "(?<![A-Za-z0-9_-])(?:xox[abposre]-[0-9]{6,16}-[A-Za-z0-9-]{8,250}"
                        + "|xapp-[0-9]-[A-Z0-9]{8,16}-[0-9]{6,16}-[a-f0-9]{32,80})(?![A-Za-z0-9_-])",
                "xox",
                "xapp-");
    }

    static Detector stripe() {
        return literal(
                "stripe_key",
                "(?<![A-Za-z0-9_])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{24,247}(?![A-Za-z0-9_])",
                "sk_live_",
                "sk_test_",
                "rk_live_",
                "rk_test_");
    }

    static Detector google() {
        return literal("google_api_key", "(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])", "AIza");
    }

    /** Three base64url segments whose header and payload decode to JSON objects, the header naming an alg. */
    static Detector jwt() {
        Pattern p = Pattern.compile("(?<![A-Za-z0-9_-])(eyJ[A-Za-z0-9_-]{8,4096})\\.(eyJ[A-Za-z0-9_-]{4,16384})"
                + "\\.([A-Za-z0-9_-]{0,4096})(?![A-Za-z0-9_.-])");
        return new PatternDetector("jwt", p) {
            @Override
            boolean mayContain(TextProfile profile, String field) {
                return profile.contains("eyJ");
            }

            @Override
            int accept(Matcher m, String text, String field) {
                JsonNode header = decodeObject(m.group(1));
                if (header == null || !header.path("alg").isTextual() || decodeObject(m.group(2)) == null) {
                    return -1;
                }
                return m.end();
            }
        };
    }

    private static JsonNode decodeObject(String segment) {
        try {
            JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(segment));
            return node != null && node.isObject() ? node : null;
        } catch (IllegalArgumentException | java.io.IOException e) {
            return null;
        }
    }
}
