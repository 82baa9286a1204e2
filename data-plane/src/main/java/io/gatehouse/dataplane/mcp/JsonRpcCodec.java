package io.gatehouse.dataplane.mcp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.dataplane.mcp.JsonRpcDecodeException.Problem;
import java.io.IOException;

/**
 * Decodes client POST bodies: exactly one JSON-RPC 2.0 object (no batches, nothing after it),
 * nesting no deeper than the configured limit, duplicate keys rejected (a message must not mean
 * one thing to the gateway and another to the upstream).
 */
public final class JsonRpcCodec {

    private final ObjectMapper mapper;

    public JsonRpcCodec(int maxDepth) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxDepth)
                        .build())
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.mapper = JsonMapper.builder(factory).build();
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public JsonRpcMessage decode(byte[] body) throws JsonRpcDecodeException {
        JsonNode tree;
        try (JsonParser parser = mapper.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_ARRAY) {
                throw new JsonRpcDecodeException(
                        Problem.BATCH_NOT_SUPPORTED,
                        "JSON-RPC batches are not supported: send one message per POST",
                        null);
            }
            if (first != JsonToken.START_OBJECT) {
                throw new JsonRpcDecodeException(Problem.INVALID_REQUEST, "the body must be one JSON-RPC object", null);
            }
            tree = mapper.readTree(parser);
            if (parser.nextToken() != null) {
                throw new JsonRpcDecodeException(
                        Problem.MULTIPLE_MESSAGES, "the body must hold exactly one JSON-RPC message", null);
            }
        } catch (StreamConstraintsException e) {
            throw new JsonRpcDecodeException(
                    Problem.JSON_TOO_DEEP, "JSON nesting is too deep: " + e.getOriginalMessage(), null);
        } catch (JsonProcessingException e) {
            throw new JsonRpcDecodeException(Problem.PARSE_ERROR, "invalid JSON: " + e.getOriginalMessage(), null);
        } catch (IOException e) {
            throw new JsonRpcDecodeException(Problem.PARSE_ERROR, "unreadable body", null);
        }
        return classify((ObjectNode) tree, body);
    }

    static JsonRpcMessage classify(ObjectNode message, byte[] raw) throws JsonRpcDecodeException {
        JsonNode id = message.get("id");
        JsonNode readableId = id != null && (id.isTextual() || id.isIntegralNumber()) ? id : null;
        if (!"2.0".equals(textOrNull(message.get("jsonrpc")))) {
            throw new JsonRpcDecodeException(Problem.INVALID_REQUEST, "jsonrpc must be \"2.0\"", readableId);
        }
        if (id != null && readableId == null) {
            throw new JsonRpcDecodeException(Problem.INVALID_REQUEST, "id must be a string or an integer", null);
        }
        JsonNode methodNode = message.get("method");
        if (methodNode == null) {
            boolean hasResult = message.has("result");
            boolean hasError = message.has("error");
            if (id == null || hasResult == hasError) {
                throw new JsonRpcDecodeException(
                        Problem.INVALID_REQUEST,
                        "a message needs a method, or an id with exactly one of result or error",
                        readableId);
            }
            return new JsonRpcMessage(
                    JsonRpcMessage.Kind.RESPONSE, id.toString(), null, null, null, null, null, message, raw);
        }
        if (!methodNode.isTextual() || methodNode.asText().isEmpty()) {
            throw new JsonRpcDecodeException(Problem.INVALID_REQUEST, "method must be a non-empty string", readableId);
        }
        String method = methodNode.asText();
        JsonNode params = message.get("params");
        if (params != null && !params.isObject()) {
            throw new JsonRpcDecodeException(Problem.INVALID_PARAMS, "params must be an object", readableId);
        }
        String toolName = null;
        String promptName = null;
        String uri = null;
        JsonNode arguments = null;
        switch (method) {
            case "tools/call" -> {
                toolName = requiredText(params, "name", method, readableId);
                arguments = params.get("arguments");
                if (arguments != null && !arguments.isObject()) {
                    throw new JsonRpcDecodeException(
                            Problem.INVALID_PARAMS, "tools/call: params.arguments must be an object", readableId);
                }
            }
            case "prompts/get" -> {
                promptName = requiredText(params, "name", method, readableId);
                arguments = params.get("arguments");
            }
            case "resources/read", "resources/subscribe", "resources/unsubscribe" ->
                uri = requiredText(params, "uri", method, readableId);
            default -> {}
        }
        JsonRpcMessage.Kind kind = id == null ? JsonRpcMessage.Kind.NOTIFICATION : JsonRpcMessage.Kind.REQUEST;
        return new JsonRpcMessage(
                kind, id == null ? null : id.toString(), method, toolName, arguments, uri, promptName, message, raw);
    }

    private static String requiredText(JsonNode params, String field, String method, JsonNode id)
            throws JsonRpcDecodeException {
        JsonNode value = params == null ? null : params.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new JsonRpcDecodeException(
                    Problem.INVALID_PARAMS, method + ": params." + field + " must be a non-empty string", id);
        }
        return value.asText();
    }

    private static String textOrNull(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : null;
    }
}
