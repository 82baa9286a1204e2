package io.gatehouse.protocol.bundle;

import java.net.URI;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Field validation shared by the bundle records; every failure names the field and the bad value. */
final class Checks {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}");
    static final Pattern SCOPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:/-]{0,127}");

    private Checks() {}

    static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return value;
    }

    static String text(String value, String field) {
        required(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + ": must not be blank");
        }
        return value;
    }

    static String matching(String value, Pattern pattern, String field) {
        required(value, field);
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    field + ": '" + value + "' (expected: to match " + pattern.pattern() + ")");
        }
        return value;
    }

    static String optionalText(String value, String field) {
        if (value != null && value.isBlank()) {
            throw new IllegalArgumentException(field + ": must be absent or non-blank");
        }
        return value;
    }

    /** Copies a list (null means empty), rejecting null elements. */
    static <T> List<T> list(List<T> values, String field) {
        if (values == null) {
            return List.of();
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new IllegalArgumentException(field + "[" + i + "]: must not be null");
            }
        }
        return List.copyOf(values);
    }

    static List<String> stringList(List<String> values, Pattern pattern, String field) {
        List<String> copy = list(values, field);
        for (int i = 0; i < copy.size(); i++) {
            matching(copy.get(i), pattern, field + "[" + i + "]");
        }
        return unique(copy, Function.identity(), field);
    }

    static <T, K> List<T> unique(List<T> values, Function<T, K> key, String field) {
        Set<K> seen = new HashSet<>();
        for (T value : values) {
            K k = key.apply(value);
            if (!seen.add(k)) {
                throw new IllegalArgumentException(field + ": duplicate '" + k + "'");
            }
        }
        return values;
    }

    /** An absolute http(s) URI without user info or fragment. */
    static URI httpUri(URI uri, String field) {
        required(uri, field);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            throw new IllegalArgumentException(field + ": '" + uri + "' (expected: an absolute http or https URI)");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(field + ": '" + uri + "' must not carry user info");
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException(field + ": '" + uri + "' must not have a fragment");
        }
        return uri;
    }

    static URI optionalHttpUri(URI uri, String field) {
        return uri == null ? null : httpUri(uri, field);
    }

    static boolean isLoopback(String host) {
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("::1");
    }

    /**
     * A canonical resource URI (RFC 8707, MCP authorization): https (http only on loopback), lower
     * case scheme and host, no query, fragment or trailing slash.
     */
    static URI canonicalResource(URI uri, String field) {
        httpUri(uri, field);
        String host = uri.getHost();
        if (!uri.getScheme().equals(uri.getScheme().toLowerCase(Locale.ROOT))
                || !host.equals(host.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(field + ": '" + uri + "' (expected: lower-case scheme and host)");
        }
        if (uri.getScheme().equals("http") && !isLoopback(host)) {
            throw new IllegalArgumentException(field + ": '" + uri + "' (expected: https unless the host is loopback)");
        }
        if (uri.getRawQuery() != null) {
            throw new IllegalArgumentException(field + ": '" + uri + "' must not have a query");
        }
        if (uri.getRawPath() != null && uri.getRawPath().endsWith("/")) {
            throw new IllegalArgumentException(field + ": '" + uri + "' must not end with '/'");
        }
        return uri;
    }

    static <T> Set<T> setOf(Collection<T> values) {
        return Set.copyOf(values);
    }
}
