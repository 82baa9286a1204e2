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
 */
public record Refusal(ErrorKey key, String message, Map<String, String> headers, String detail) {

    public Refusal {
        requireNonNull(key, "key");
        requireNonNull(message, "message");
        headers = Map.copyOf(headers);
    }

    public static Refusal of(ErrorKey key, String message) {
        return new Refusal(key, message, Map.of(), null);
    }

    public Refusal withHeader(String name, String value) {
        java.util.Map<String, String> copy = new java.util.LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Refusal(key, message, copy, detail);
    }

    public Refusal withDetail(String detail) {
        return new Refusal(key, message, headers, detail);
    }

    /** The reason audit and metrics record: the detail when there is one, else the key. */
    public String auditReason() {
        return detail == null ? key.name() : detail;
    }
}
