package io.gatehouse.protocol.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One tool as an MCP server announces it in a {@code tools/list} result. Trees are deep copies, so a
 * definition never changes after it was parsed.
 *
 * <p>{@link #parse} is strict about the members it knows: {@code name} (non-empty string of at most
 * {@value #MAX_NAME_LENGTH} characters, no control characters), {@code inputSchema} (an object whose
 * {@code type} is {@code "object"}), and the optional {@code title}, {@code description} (strings),
 * {@code outputSchema} (an object whose {@code type} is {@code "object"}), {@code annotations} and
 * {@code _meta} (objects). Explicit {@code null} for an optional member is rejected, not treated as
 * absent, so one definition has one fingerprint. Other members (e.g. {@code icons}, later protocol
 * revisions' additions) are ignored: they are neither pinned nor part of this record.
 *
 * @param name the tool name, unique within one server
 * @param title optional human-readable title, or null
 * @param description optional description, or null
 * @param inputSchema JSON Schema of the arguments
 * @param outputSchema optional JSON Schema of structured results, or null
 * @param annotations optional behaviour hints, or null
 * @param meta optional {@code _meta}, or null (not pinned, see {@link ToolFingerprint})
 */
public record ToolDefinition(
        String name,
        String title,
        String description,
        ObjectNode inputSchema,
        ObjectNode outputSchema,
        ObjectNode annotations,
        ObjectNode meta) {

    /** Longest accepted tool name. */
    public static final int MAX_NAME_LENGTH = 256;

    public ToolDefinition {
        requireName(name, "name");
        Objects.requireNonNull(inputSchema, "inputSchema");
        requireObjectSchema(inputSchema, "inputSchema");
        if (outputSchema != null) {
            requireObjectSchema(outputSchema, "outputSchema");
        }
        inputSchema = inputSchema.deepCopy();
        outputSchema = outputSchema == null ? null : outputSchema.deepCopy();
        annotations = annotations == null ? null : annotations.deepCopy();
        meta = meta == null ? null : meta.deepCopy();
    }

    /** Parses one element of a {@code tools/list} result's {@code tools} array. */
    public static ToolDefinition parse(JsonNode tool) {
        return parse(tool, "tool");
    }

    /**
     * Parses the {@code tools} array of a {@code tools/list} result (or the result object holding it).
     * Duplicate names are kept: deciding what they mean is the caller's job.
     */
    public static List<ToolDefinition> parseList(JsonNode toolsOrResult) {
        if (toolsOrResult == null) {
            throw new ToolDefinitionException("tools: missing (expected: array)");
        }
        JsonNode tools = toolsOrResult.isObject() ? toolsOrResult.get("tools") : toolsOrResult;
        if (tools == null || !tools.isArray()) {
            throw new ToolDefinitionException("tools: " + describe(tools) + " (expected: array)");
        }
        List<ToolDefinition> result = new ArrayList<>(tools.size());
        for (int i = 0; i < tools.size(); i++) {
            result.add(parse(tools.get(i), "tools[" + i + "]"));
        }
        return List.copyOf(result);
    }

    private static ToolDefinition parse(JsonNode tool, String path) {
        if (tool == null || !tool.isObject()) {
            throw new ToolDefinitionException(path + ": " + describe(tool) + " (expected: object)");
        }
        JsonNode name = tool.get("name");
        if (name == null || !name.isTextual()) {
            throw new ToolDefinitionException(path + ".name: " + describe(name) + " (expected: string)");
        }
        requireName(name.textValue(), path + ".name");
        String where = path + " '" + name.textValue() + "'";
        JsonNode inputSchema = tool.get("inputSchema");
        if (inputSchema == null || !inputSchema.isObject()) {
            throw new ToolDefinitionException(where + ".inputSchema: " + describe(inputSchema) + " (expected: object)");
        }
        requireObjectSchema((ObjectNode) inputSchema, where + ".inputSchema");
        return new ToolDefinition(
                name.textValue(),
                optionalString(tool, "title", where),
                optionalString(tool, "description", where),
                (ObjectNode) inputSchema,
                optionalObject(tool, "outputSchema", where),
                optionalObject(tool, "annotations", where),
                optionalObject(tool, "_meta", where));
    }

    /**
     * The definition as a {@code tools/list} tool object (absent members omitted), e.g. for the control plane to
     * store an approved definition; {@link #parse} of it yields an equal definition.
     */
    public ObjectNode toJson() {
        ObjectNode json = ToolFingerprint.pinnedFields(this);
        if (meta != null) {
            json.set("_meta", meta.deepCopy());
        }
        return json;
    }

    private static String optionalString(JsonNode tool, String field, String where) {
        if (!tool.has(field)) {
            return null;
        }
        JsonNode value = tool.get(field);
        if (!value.isTextual()) {
            throw new ToolDefinitionException(where + "." + field + ": " + describe(value) + " (expected: string)");
        }
        return value.textValue();
    }

    private static ObjectNode optionalObject(JsonNode tool, String field, String where) {
        if (!tool.has(field)) {
            return null;
        }
        JsonNode value = tool.get(field);
        if (!value.isObject()) {
            throw new ToolDefinitionException(where + "." + field + ": " + describe(value) + " (expected: object)");
        }
        return (ObjectNode) value;
    }

    private static void requireName(String name, String path) {
        Objects.requireNonNull(name, path);
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new ToolDefinitionException(
                    path + ": " + name.length() + " characters (expected: 1.." + MAX_NAME_LENGTH + ")");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c)) {
                throw new ToolDefinitionException(path + ": control character U+" + String.format("%04X", (int) c)
                        + " at index " + i + " (expected: none)");
            }
        }
    }

    private static void requireObjectSchema(ObjectNode schema, String path) {
        JsonNode type = schema.get("type");
        if (type == null || !type.isTextual() || !"object".equals(type.textValue())) {
            throw new ToolDefinitionException(path + ".type: " + describe(type) + " (expected: \"object\")");
        }
    }

    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "missing";
        }
        if (node instanceof ArrayNode) {
            return "array";
        }
        return switch (node.getNodeType()) {
            case OBJECT -> "object";
            case STRING -> "string";
            case NUMBER -> "number " + node.asText();
            case BOOLEAN -> "boolean " + node.asText();
            case NULL -> "null";
            default -> node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
