package io.gatehouse.devstack.mcp;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP request as an upstream peer received it (header names lower-cased), so tests can assert what
 * a gateway forwarded, e.g. that the client's bearer token never arrived.
 */
public record RecordedRequest(String method, String path, Map<String, List<String>> headers) {

    public RecordedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        headers = Map.copyOf(headers);
    }

    /** The first value of a header (name case-insensitive). */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** True if any header value contains {@code text} (e.g. a token that must not have been forwarded). */
    public boolean anyHeaderContains(String text) {
        return headers.values().stream().flatMap(List::stream).anyMatch(v -> v.contains(text));
    }
}
