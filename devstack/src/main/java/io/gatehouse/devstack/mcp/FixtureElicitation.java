package io.gatehouse.devstack.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The requested schemas of the suite's elicitation scenarios (SEP-1034 defaults, SEP-1330 enums). */
final class FixtureElicitation {

    private FixtureElicitation() {}

    /** One field per primitive type, each with a default (SEP-1034). */
    static Map<String, Object> defaultsSchema() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("name", Map.of("type", "string", "description", "Your name", "default", "John Doe"));
        properties.put("age", Map.of("type", "integer", "description", "Your age", "default", 30));
        properties.put("score", Map.of("type", "number", "description", "Your score", "default", 95.5));
        properties.put(
                "status",
                Map.of(
                        "type", "string",
                        "description", "Your status",
                        "enum", List.of("active", "inactive", "pending"),
                        "default", "active"));
        properties.put("verified", Map.of("type", "boolean", "description", "Verified?", "default", true));
        return object(properties);
    }

    /** The five enum shapes of SEP-1330: untitled/titled single, legacy enumNames, untitled/titled multi. */
    static Map<String, Object> enumsSchema() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("untitledSingle", Map.of("type", "string", "enum", List.of("option1", "option2", "option3")));
        properties.put(
                "titledSingle",
                Map.of(
                        "type",
                        "string",
                        "oneOf",
                        titled(
                                "const",
                                List.of("value1", "value2", "value3"),
                                List.of("First Option", "Second Option", "Third Option"))));
        properties.put(
                "legacyEnum",
                Map.of(
                        "type", "string",
                        "enum", List.of("opt1", "opt2", "opt3"),
                        "enumNames", List.of("Option One", "Option Two", "Option Three")));
        properties.put(
                "untitledMulti",
                Map.of(
                        "type",
                        "array",
                        "items",
                        Map.of("type", "string", "enum", List.of("option1", "option2", "option3"))));
        properties.put(
                "titledMulti",
                Map.of(
                        "type",
                        "array",
                        "items",
                        Map.of(
                                "anyOf",
                                titled(
                                        "const",
                                        List.of("value1", "value2", "value3"),
                                        List.of("First Choice", "Second Choice", "Third Choice")))));
        return object(properties);
    }

    private static List<Map<String, Object>> titled(String key, List<String> values, List<String> titles) {
        return java.util.stream.IntStream.range(0, values.size())
                .mapToObj(i -> Map.<String, Object>of(key, values.get(i), "title", titles.get(i)))
                .toList();
    }

    private static Map<String, Object> object(Map<String, Object> properties) {
        return Map.of("type", "object", "properties", properties);
    }
}
