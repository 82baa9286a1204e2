package io.gatehouse.sdk;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Query parameters of a list call: page size, cursor, sort and filters. Immutable; use the withers. */
public final class ListParams {
    private final Integer limit;
    private final String cursor;
    private final String sort;
    private final Map<String, String> filters;

    private ListParams(Integer limit, String cursor, String sort, Map<String, String> filters) {
        this.limit = limit;
        this.cursor = cursor;
        this.sort = sort;
        this.filters = Map.copyOf(filters);
    }

    public static ListParams create() {
        return new ListParams(null, null, null, Map.of());
    }

    public ListParams limit(int limit) {
        return new ListParams(limit, cursor, sort, filters);
    }

    public ListParams cursor(String cursor) {
        return new ListParams(limit, cursor, sort, filters);
    }

    /** A sort field such as {@code name}, or {@code -name} for descending. */
    public ListParams sort(String sort) {
        return new ListParams(limit, cursor, sort, filters);
    }

    public ListParams filter(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(filters);
        copy.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return new ListParams(limit, cursor, sort, copy);
    }

    Map<String, String> toQuery() {
        Map<String, String> query = new LinkedHashMap<>(filters);
        if (limit != null) {
            query.put("limit", limit.toString());
        }
        if (cursor != null) {
            query.put("cursor", cursor);
        }
        if (sort != null) {
            query.put("sort", sort);
        }
        return query;
    }
}
