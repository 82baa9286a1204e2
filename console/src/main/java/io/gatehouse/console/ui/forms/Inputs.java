package io.gatehouse.console.ui.forms;

import com.vaadin.flow.data.binder.ValidationResult;
import com.vaadin.flow.data.binder.Validator;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Parsing and validation rules the forms share; plain functions, unit-tested without a browser. */
public final class Inputs {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern SECRET_REF = Pattern.compile(
            "^(env:[A-Za-z_][A-Za-z0-9_]*|file:/.+|vault:[^#\\s]+#[^#\\s]+|k8s:[^/\\s]+/[^#\\s]+#\\S+)$");

    private Inputs() {}

    /** Comma- or newline-separated values, trimmed, empties dropped. */
    public static List<String> list(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split("[,\\n]"))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** {@code key=value} pairs separated by commas or newlines. */
    public static Map<String, String> pairs(String text) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String item : list(text)) {
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + item + "' (expected: key=value)");
            }
            map.put(item.substring(0, eq).trim(), item.substring(eq + 1).trim());
        }
        return map;
    }

    public static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    public static Validator<String> email() {
        return (value, context) ->
                value == null || value.isBlank() || EMAIL.matcher(value.trim()).matches()
                        ? ValidationResult.ok()
                        : ValidationResult.error("Enter an email address such as ops@example.com");
    }

    /** An absolute http(s) URL; {@code httpsOnly} for issuers. Blank passes (combine with asRequired). */
    public static Validator<String> url(boolean httpsOnly) {
        return (value, context) -> {
            if (value == null || value.isBlank()) {
                return ValidationResult.ok();
            }
            try {
                URI uri = new URI(value.trim());
                String scheme = uri.getScheme();
                boolean schemeOk = httpsOnly ? "https".equals(scheme) : "http".equals(scheme) || "https".equals(scheme);
                if (!schemeOk || uri.getHost() == null) {
                    return ValidationResult.error(
                            httpsOnly ? "Enter an https:// URL" : "Enter an absolute http:// or https:// URL");
                }
                return ValidationResult.ok();
            } catch (java.net.URISyntaxException e) {
                return ValidationResult.error(
                        httpsOnly ? "Enter an https:// URL" : "Enter an absolute http:// or https:// URL");
            }
        };
    }

    /** A secret reference ({@code env:NAME}, {@code file:/path}, {@code vault:path#key}, {@code k8s:ns/name#key}). */
    public static Validator<String> secretRef() {
        return (value, context) -> value == null
                        || value.isBlank()
                        || SECRET_REF.matcher(value.trim()).matches()
                ? ValidationResult.ok()
                : ValidationResult.error(
                        "A reference, never the secret: env:NAME, file:/path, vault:path#key or k8s:namespace/name#key");
    }

    public static Validator<String> minLength(int min, String what) {
        return (value, context) -> value != null && value.length() >= min
                ? ValidationResult.ok()
                : ValidationResult.error(what + " needs at least " + min + " characters");
    }

    public static Validator<String> pairs() {
        return (value, context) -> {
            try {
                pairs(value);
                return ValidationResult.ok();
            } catch (IllegalArgumentException e) {
                return ValidationResult.error(e.getMessage());
            }
        };
    }

    /**
     * An IPv4 or IPv6 CIDR ({@code 10.0.0.0/8}, {@code 2001:db8::/32}) or a bare address; checked
     * syntactically, nothing is resolved.
     */
    public static boolean isCidr(String text) {
        if (text == null) {
            return false;
        }
        String t = text.trim();
        int slash = t.indexOf('/');
        String address = slash < 0 ? t : t.substring(0, slash);
        boolean v4 = IPV4.matcher(address).matches();
        boolean v6 = !v4 && isIpv6(address);
        if (!v4 && !v6) {
            return false;
        }
        if (slash < 0) {
            return true;
        }
        String bits = t.substring(slash + 1);
        if (!bits.matches("\\d{1,3}")) {
            return false;
        }
        int n = Integer.parseInt(bits);
        return n <= (v4 ? 32 : 128);
    }

    private static final Pattern IPV4 =
            Pattern.compile("^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");
    private static final Pattern IPV6_CHARS = Pattern.compile("^[0-9A-Fa-f:.]+$");

    /** An IPv4 literal such as {@code 10.0.0.7}. */
    public static boolean isIpv4(String text) {
        return text != null && IPV4.matcher(text.trim()).matches();
    }

    /** An IPv6 literal such as {@code 2001:db8::1}; never resolves a name. */
    public static boolean isIpv6(String text) {
        if (text == null || !text.contains(":") || !IPV6_CHARS.matcher(text).matches()) {
            return false;
        }
        try {
            // only hex digits, colons and dots reach here: this parses a literal and never looks up a name
            return java.net.InetAddress.getByName(text) instanceof java.net.Inet6Address;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** A positive whole number in a text-free number field. */
    public static Validator<Integer> atLeast(int min) {
        return (value, context) -> value == null || value >= min
                ? ValidationResult.ok()
                : ValidationResult.error("Must be at least " + min);
    }
}
