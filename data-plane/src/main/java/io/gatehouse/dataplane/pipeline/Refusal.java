package io.gatehouse.dataplane.pipeline;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * A request the proxy answers itself with an error.
 *
 * @param key the stable error key (decides status and JSON-RPC code)
 * @param message a client-safe explanation (never contains tokens or secrets)
 * @param headers extra response headers (e.g. {@code WWW-Authenticate}, {@code Allow})
 * @param detail a finer stable reason (e.g. {@code EXPIRED} for UNAUTHENTICATED), or null
 * @param data extra members of the JSON-RPC error's {@code data} (e.g. {@code ruleId},
 *     {@code retryAfterSeconds}); client-safe values only
 */
public record Refusal(
        ErrorKey key, String message, Map<String, String> headers, String detail, Map<String, Object> data) {

    public Refusal {
        requireNonNull(key, "key");
        requireNonNull(message, "message");
        headers = Map.copyOf(headers);
        data = data == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
    }

    public Refusal(ErrorKey key, String message, Map<String, String> headers, String detail) {
        this(key, message, headers, detail, Map.of());
    }

    /** This refusal with one more member in the JSON-RPC error's {@code data}. */
    public Refusal withData(String name, Object value) {
        java.util.Map<String, Object> copy = new java.util.LinkedHashMap<>(data);
        copy.put(name, value);
        return new Refusal(key, message, headers, detail, copy);
    }

    public static Refusal of(ErrorKey key, String message) {
        return new Refusal(key, message, Map.of(), null);
    }

    public Refusal withHeader(String name, String value) {
        java.util.Map<String, String> copy = new java.util.LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Refusal(key, message, copy, detail, data);
    }

    public Refusal withDetail(String detail) {
        return new Refusal(key, message, headers, detail, data);
    }

    /** The reason audit and metrics record: the detail when there is one, else the key. */
    public String auditReason() {
        return detail == null ? key.name() : detail;
    }
}
