package io.gatehouse.terraform.internal.resources;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds an object value from an API record: enums by their wire value, numbers as BigDecimal. */
public final class State {
    private final Map<String, Object> values = new LinkedHashMap<>();

    public State put(String name, Object value) {
        values.put(name, convert(value));
        return this;
    }

    public Map<String, Object> build() {
        return values;
    }

    private static Object convert(Object value) {
        return switch (value) {
            case null -> null;
            case Enum<?> e -> e.toString();
            case Long l -> BigDecimal.valueOf(l);
            case Integer i -> BigDecimal.valueOf(i);
            case List<?> list -> {
                List<Object> out = new ArrayList<>();
                list.forEach(item -> out.add(convert(item)));
                yield out;
            }
            case Map<?, ?> map -> {
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put(k.toString(), convert(v)));
                yield out;
            }
            default -> value;
        };
    }
}
