package io.gatehouse.protocol.api;

import java.util.List;

/** One page of a collection; {@code next} is an opaque cursor, {@code null} on the last page. */
public record Page<T>(List<T> items, String next) {
    public Page {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
