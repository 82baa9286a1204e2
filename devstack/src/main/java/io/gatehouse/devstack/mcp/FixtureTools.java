package io.gatehouse.devstack.mcp;

import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.AudioContent;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Content;
import io.modelcontextprotocol.spec.McpSchema.CreateMessageRequest;
import io.modelcontextprotocol.spec.McpSchema.CreateMessageResult;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;
import io.modelcontextprotocol.spec.McpSchema.EmbeddedResource;
import io.modelcontextprotocol.spec.McpSchema.ImageContent;
import io.modelcontextprotocol.spec.McpSchema.LoggingLevel;
import io.modelcontextprotocol.spec.McpSchema.LoggingMessageNotification;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import io.modelcontextprotocol.spec.McpSchema.Role;
import io.modelcontextprotocol.spec.McpSchema.SamplingMessage;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The tools of the conformance suite's test fixture (suite 0.1.16, {@code src/scenarios/server/tools.ts},
 * {@code elicitation-*.ts}, {@code json-schema-2020-12.ts}, {@code sse-polling.ts}), each answering
 * exactly what its scenario checks.
 */
final class FixtureTools {

    /** A 1x1 PNG. */
    static final String PNG_1X1 =
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";

    /** A WAV header with zero samples (44 bytes), mono 8 kHz 16 bit. */
    static final String WAV_EMPTY = "UklGRiQAAABXQVZFZm10IBAAAAABAAEAQB8AAIA+AAACABAAZGF0YQAAAAA=";

    private static final Map<String, Object> NO_ARGUMENTS = Map.of("type", "object", "properties", Map.of());

    private FixtureTools() {}

    static List<SyncToolSpecification> all() {
        return List.of(
                tool(
                        "test_simple_text",
                        "Returns a simple text result",
                        NO_ARGUMENTS,
                        (ex, req) -> ok(text("This is a simple text response for testing."))),
                tool("test_image_content", "Returns an image (1x1 PNG)", NO_ARGUMENTS, (ex, req) -> ok(image())),
                tool(
                        "test_audio_content",
                        "Returns audio (an empty WAV)",
                        NO_ARGUMENTS,
                        (ex, req) ->
                                ok(AudioContent.builder(WAV_EMPTY, "audio/wav").build())),
                tool(
                        "test_embedded_resource",
                        "Returns an embedded text resource",
                        NO_ARGUMENTS,
                        (ex, req) -> ok(embedded(
                                "test://embedded-resource", "text/plain", "This is an embedded resource content."))),
                tool(
                        "test_multiple_content_types",
                        "Returns text, image and resource content",
                        NO_ARGUMENTS,
                        (ex, req) -> ok(
                                text("Multiple content types test:"),
                                image(),
                                embedded(
                                        "test://mixed-content-resource",
                                        "application/json",
                                        "{\"test\":\"data\",\"value\":123}"))),
                tool(
                        "test_tool_with_logging",
                        "Sends three info log messages while running",
                        NO_ARGUMENTS,
                        FixtureTools::withLogging),
                tool(
                        "test_error_handling",
                        "Always fails with a tool error",
                        NO_ARGUMENTS,
                        (ex, req) -> CallToolResult.builder()
                                .content(List.of(text("This tool intentionally returns an error for testing")))
                                .isError(true)
                                .build()),
                tool(
                        "test_tool_with_progress",
                        "Reports progress 0, 50 and 100 of 100",
                        NO_ARGUMENTS,
                        FixtureTools::withProgress),
                tool(
                        "test_sampling",
                        "Asks the client's LLM (sampling/createMessage)",
                        stringArgument("prompt", "The prompt to send to the LLM"),
                        FixtureTools::sampling),
                tool(
                        "test_elicitation",
                        "Asks the user for input (elicitation/create)",
                        stringArgument("message", "The message to show the user"),
                        FixtureTools::elicitation),
                tool(
                        "test_elicitation_sep1034_defaults",
                        "Elicitation with defaults for every primitive type",
                        NO_ARGUMENTS,
                        (ex, req) -> elicit(ex, "Please review your details", FixtureElicitation.defaultsSchema())),
                tool(
                        "test_elicitation_sep1330_enums",
                        "Elicitation with all five enum schema variants",
                        NO_ARGUMENTS,
                        (ex, req) -> elicit(ex, "Please choose your options", FixtureElicitation.enumsSchema())),
                tool(
                        "json_schema_2020_12_tool",
                        "Tool with JSON Schema 2020-12 features",
                        jsonSchema2020(),
                        (ex, req) -> ok(text("Received: " + req.arguments()))),
                tool(
                        "test_reconnection",
                        "Answers after a short pause on the request's SSE stream",
                        NO_ARGUMENTS,
                        (ex, req) -> {
                            pause(100);
                            return ok(text("Reconnection test completed"));
                        }));
    }

    private static CallToolResult withLogging(McpSyncServerExchange exchange, CallToolRequest request) {
        log(exchange, "Tool execution started");
        pause(50);
        log(exchange, "Tool processing data");
        pause(50);
        log(exchange, "Tool execution completed");
        return ok(text("Tool with logging executed successfully"));
    }

    private static CallToolResult withProgress(McpSyncServerExchange exchange, CallToolRequest request) {
        Object token = request.meta() == null ? null : request.meta().get("progressToken");
        for (int step = 0; step <= 2; step++) {
            if (step > 0) {
                pause(50);
            }
            if (token != null) {
                exchange.progressNotification(ProgressNotification.builder(token, step * 50.0)
                        .total(100.0)
                        .message("step " + (step + 1) + " of 3")
                        .build());
            }
        }
        return ok(text("Tool with progress executed successfully"));
    }

    private static CallToolResult sampling(McpSyncServerExchange exchange, CallToolRequest request) {
        if (exchange.getClientCapabilities() == null
                || exchange.getClientCapabilities().sampling() == null) {
            return error("test_sampling: the client did not declare the sampling capability");
        }
        String prompt = stringArg(request, "prompt");
        CreateMessageRequest sampling = CreateMessageRequest.builder(
                        List.of(SamplingMessage.builder(Role.USER, text(prompt)).build()), 100)
                .build();
        CreateMessageResult answer = exchange.createMessage(sampling);
        String answerText = answer.content() instanceof TextContent t ? t.text() : String.valueOf(answer.content());
        return ok(text("LLM response: " + answerText));
    }

    private static CallToolResult elicitation(McpSyncServerExchange exchange, CallToolRequest request) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("username", Map.of("type", "string", "description", "User's response"));
        properties.put("email", Map.of("type", "string", "description", "User's email address"));
        Map<String, Object> schema =
                Map.of("type", "object", "properties", properties, "required", List.of("username", "email"));
        ElicitResult result = elicitRaw(exchange, stringArg(request, "message"), schema);
        if (result == null) {
            return error("test_elicitation: the client did not declare the elicitation capability");
        }
        return ok(text("User response: action=" + result.action().name().toLowerCase(java.util.Locale.ROOT)
                + ", content=" + result.content()));
    }

    private static CallToolResult elicit(McpSyncServerExchange exchange, String message, Map<String, Object> schema) {
        ElicitResult result = elicitRaw(exchange, message, schema);
        if (result == null) {
            return error("elicitation: the client did not declare the elicitation capability");
        }
        return ok(text("Elicitation completed: action=" + result.action().name().toLowerCase(java.util.Locale.ROOT)
                + ", content=" + result.content()));
    }

    private static ElicitResult elicitRaw(McpSyncServerExchange exchange, String message, Map<String, Object> schema) {
        if (exchange.getClientCapabilities() == null
                || exchange.getClientCapabilities().elicitation() == null) {
            return null;
        }
        return exchange.createElicitation(
                McpSchema.ElicitRequest.builder(message, schema).build());
    }

    private static Map<String, Object> jsonSchema2020() {
        Map<String, Object> address = Map.of(
                "type",
                "object",
                "properties",
                Map.of("street", Map.of("type", "string"), "city", Map.of("type", "string")));
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", McpSchema.JSON_SCHEMA_DIALECT_2020_12);
        schema.put("type", "object");
        schema.put("$defs", Map.of("address", address));
        schema.put(
                "properties", Map.of("name", Map.of("type", "string"), "address", Map.of("$ref", "#/$defs/address")));
        schema.put("additionalProperties", false);
        return schema;
    }

    private static Map<String, Object> stringArgument(String name, String description) {
        return Map.of(
                "type", "object",
                "properties", Map.of(name, Map.of("type", "string", "description", description)),
                "required", List.of(name));
    }

    private static void log(McpSyncServerExchange exchange, String message) {
        exchange.loggingNotification(LoggingMessageNotification.builder(LoggingLevel.INFO, message)
                .logger("fixture")
                .build());
    }

    static SyncToolSpecification tool(
            String name,
            String description,
            Map<String, Object> inputSchema,
            BiFunction<McpSyncServerExchange, CallToolRequest, CallToolResult> handler) {
        return SyncToolSpecification.builder()
                .tool(Tool.builder(name, inputSchema).description(description).build())
                .callHandler(handler)
                .build();
    }

    static String stringArg(CallToolRequest request, String name) {
        Object value = request.arguments() == null ? null : request.arguments().get(name);
        return value == null ? "" : value.toString();
    }

    static CallToolResult ok(Content... content) {
        return CallToolResult.builder().content(List.of(content)).isError(false).build();
    }

    static CallToolResult error(String message) {
        return CallToolResult.builder()
                .content(List.of(text(message)))
                .isError(true)
                .build();
    }

    static TextContent text(String text) {
        return TextContent.builder(text).build();
    }

    static ImageContent image() {
        return ImageContent.builder(PNG_1X1, "image/png").build();
    }

    static EmbeddedResource embedded(String uri, String mimeType, String text) {
        return EmbeddedResource.builder(TextResourceContents.builder(uri, text)
                        .mimeType(mimeType)
                        .build())
                .build();
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
