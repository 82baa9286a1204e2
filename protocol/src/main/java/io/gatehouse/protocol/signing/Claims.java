package io.gatehouse.protocol.signing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.regex.Pattern;

/** Strict readers for signed JSON payloads; every failure names the member. */
final class Claims {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@/-]{0,199}");

    private Claims() {}

    /** Tenant ids, audiences, agent ids, issuers: 1–200 characters, no whitespace or control characters. */
    static String requireId(String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException(name + ": missing");
        }
        if (!ID.matcher(value).matches()) {
            throw new IllegalArgumentException(name + ": '" + printable(value)
                    + "' (expected: 1-200 of [A-Za-z0-9._:@/-], starting alphanumeric)");
        }
        return value;
    }

    static String printable(String value) {
        String cut = value.length() > 64 ? value.substring(0, 64) + "…" : value;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    static JsonNode member(JsonNode object, String name) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(name + ": missing");
        }
        return value;
    }

    static String text(JsonNode object, String name) {
        JsonNode value = member(object, name);
        if (!value.isTextual()) {
            throw new IllegalArgumentException(name + ": expected a string, found " + value.getNodeType());
        }
        return value.textValue();
    }

    static long integer(JsonNode object, String name) {
        JsonNode value = member(object, name);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException(name + ": expected an integer, found " + value.getNodeType());
        }
        return value.longValue();
    }

    static Instant seconds(JsonNode object, String name) {
        long value = integer(object, name);
        if (value < 0) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: seconds since the epoch, >= 0)");
        }
        return Instant.ofEpochSecond(value);
    }

    static void onlyMembers(JsonNode object, String what, java.util.Set<String> allowed) {
        if (!object.isObject()) {
            throw new IllegalArgumentException(what + ": expected a JSON object, found " + object.getNodeType());
        }
        for (var it = object.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException(what + ": unknown member '" + printable(name) + "'");
            }
        }
    }
}
