package io.gatehouse.controlplane.api.errors;

import io.gatehouse.protocol.api.FieldError;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Collects field errors of one request and throws them together as a 400 {@code VALIDATION_FAILED}. */
public final class Validation {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s]{1,63}");
    private final List<FieldError> errors = new ArrayList<>();

    public Validation error(String field, String message) {
        errors.add(new FieldError(field, message));
        return this;
    }

    public boolean ok(String field) {
        return errors.stream()
                .noneMatch(e -> e.field().equals(field) || e.field().startsWith(field + "."));
    }

    /** Required, non-blank, at most {@code max} characters; returns whether it passed. */
    public boolean text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            error(field, "is required");
            return false;
        }
        return optionalText(field, value, max);
    }

    public boolean optionalText(String field, String value, int max) {
        if (value == null) {
            return true;
        }
        if (value.length() > max) {
            error(field, "is " + value.length() + " characters long (expected: at most " + max + ")");
            return false;
        }
        if (value.chars().anyMatch(c -> c < 0x20 && c != '\t')) {
            error(field, "contains control characters");
            return false;
        }
        return true;
    }

    public boolean matches(String field, String value, Pattern pattern, String expected) {
        if (value != null && !pattern.matcher(value).matches()) {
            error(field, "'" + clip(value) + "' is invalid (expected: " + expected + ")");
            return false;
        }
        return true;
    }

    public boolean required(String field, Object value) {
        if (value == null) {
            error(field, "is required");
            return false;
        }
        return true;
    }

    public void email(String field, String value) {
        if (text(field, value, 320) && !EMAIL.matcher(value).matches()) {
            error(field, "is not an email address");
        }
    }

    /** An absolute http(s) URL; {@code httpsOnly} rejects plain http except for loopback hosts. */
    public boolean url(String field, String value, boolean required, boolean httpsOnly) {
        if (value == null) {
            if (required) {
                error(field, "is required");
            }
            return !required;
        }
        if (!optionalText(field, value, 2048)) {
            return false;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
                error(field, "'" + clip(value) + "' is not an absolute http(s) URL");
                return false;
            }
            if (uri.getUserInfo() != null) {
                error(field, "must not carry credentials in the URL");
                return false;
            }
            if (httpsOnly && scheme.equals("http") && !isLoopback(uri.getHost())) {
                error(field, "must use https (http is allowed only for localhost)");
                return false;
            }
            return true;
        } catch (Exception e) {
            error(field, "'" + clip(value) + "' is not a valid URL");
            return false;
        }
    }

    public <T> void each(String field, Collection<T> values, int maxItems, ItemCheck<T> check) {
        if (values == null) {
            return;
        }
        if (values.size() > maxItems) {
            error(field, "has " + values.size() + " items (expected: at most " + maxItems + ")");
            return;
        }
        int i = 0;
        for (T value : values) {
            String path = field + "[" + i++ + "]";
            if (value == null) {
                error(path, "must not be null");
            } else {
                check.check(path, value);
            }
        }
    }

    public void range(String field, Long value, long min, long max) {
        if (value != null && (value < min || value > max)) {
            error(field, value + " is out of range (expected: " + min + ".." + max + ")");
        }
    }

    public <T> void check(String field, T value, Predicate<T> valid, String message) {
        if (value != null && !valid.test(value)) {
            error(field, message);
        }
    }

    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
    }

    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("127.0.0.1") || h.equals("[::1]") || h.endsWith(".localhost");
    }

    public static String clip(String value) {
        String v = value.length() > 64 ? value.substring(0, 64) + "…" : value;
        return v.replaceAll("\\p{Cntrl}", "?");
    }

    /** Validates one item of a list at its indexed path. */
    @FunctionalInterface
    public interface ItemCheck<T> {
        void check(String path, T value);
    }
}
