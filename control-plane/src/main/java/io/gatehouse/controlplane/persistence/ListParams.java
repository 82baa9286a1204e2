package io.gatehouse.controlplane.persistence;

import io.gatehouse.controlplane.api.errors.ApiException;
import io.gatehouse.protocol.api.FieldError;
import java.util.List;
import java.util.Map;

/**
 * The common query parameters of every collection: {@code limit} (1..200, default 50), the opaque
 * {@code cursor}, {@code sort} (a whitelisted field, {@code -} for descending) and the filters.
 * Everything arrives as raw strings so malformed values become field errors, not 404s.
 */
public record ListParams(String limit, String cursor, String sort, Map<String, String> filters) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public ListParams {
        filters = filters == null ? Map.of() : filters;
    }

    public int limitValue() {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit.trim());
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.validation(
                List.of(new FieldError("limit", "'" + clip(limit) + "' is invalid (expected: 1.." + MAX_LIMIT + ")")));
    }

    public String filter(String name) {
        String value = filters.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    private static String clip(String value) {
        return io.gatehouse.controlplane.api.errors.Validation.clip(value);
    }
}
