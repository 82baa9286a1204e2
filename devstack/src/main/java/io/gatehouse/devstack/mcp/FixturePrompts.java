package io.gatehouse.devstack.mcp;

import io.modelcontextprotocol.server.McpServerFeatures.SyncCompletionSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncPromptSpecification;
import io.modelcontextprotocol.spec.McpSchema.CompleteResult;
import io.modelcontextprotocol.spec.McpSchema.GetPromptRequest;
import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import io.modelcontextprotocol.spec.McpSchema.Prompt;
import io.modelcontextprotocol.spec.McpSchema.PromptArgument;
import io.modelcontextprotocol.spec.McpSchema.PromptMessage;
import io.modelcontextprotocol.spec.McpSchema.PromptReference;
import io.modelcontextprotocol.spec.McpSchema.Role;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.util.List;
import java.util.Locale;

/** The prompts of the suite's fixture, and completion for {@code test_prompt_with_arguments}. */
final class FixturePrompts {

    private static final List<String> COMPLETION_WORDS =
            List.of("paris", "park", "party", "test", "testing", "tested", "value1", "value2");

    private FixturePrompts() {}

    static List<SyncPromptSpecification> all() {
        return List.of(
                new SyncPromptSpecification(
                        Prompt.builder("test_simple_prompt")
                                .description("A simple prompt without arguments")
                                .arguments(List.of())
                                .build(),
                        (ex, req) -> result(message(FixtureTools.text("This is a simple prompt for testing.")))),
                new SyncPromptSpecification(
                        Prompt.builder("test_prompt_with_arguments")
                                .description("A prompt with two required arguments")
                                .arguments(List.of(
                                        argument("arg1", "First test argument"),
                                        argument("arg2", "Second test argument")))
                                .build(),
                        (ex, req) -> result(message(FixtureTools.text("Prompt with arguments: arg1='" + arg(req, "arg1")
                                + "', arg2='" + arg(req, "arg2") + "'")))),
                new SyncPromptSpecification(
                        Prompt.builder("test_prompt_with_embedded_resource")
                                .description("A prompt that embeds a resource")
                                .arguments(List.of(argument("resourceUri", "URI of the resource to embed")))
                                .build(),
                        (ex, req) -> result(
                                message(io.modelcontextprotocol.spec.McpSchema.EmbeddedResource.builder(
                                                TextResourceContents.builder(
                                                                arg(req, "resourceUri"),
                                                                "Embedded resource content for testing.")
                                                        .mimeType("text/plain")
                                                        .build())
                                        .build()),
                                message(FixtureTools.text("Please process the embedded resource above.")))),
                new SyncPromptSpecification(
                        Prompt.builder("test_prompt_with_image")
                                .description("A prompt with an image")
                                .arguments(List.of())
                                .build(),
                        (ex, req) -> result(
                                message(FixtureTools.image()),
                                message(FixtureTools.text("Please analyze the image above.")))));
    }

    static List<SyncCompletionSpecification> completions() {
        return List.of(new SyncCompletionSpecification(new PromptReference("test_prompt_with_arguments"), (ex, req) -> {
            String prefix = req.argument() == null || req.argument().value() == null
                    ? ""
                    : req.argument().value().toLowerCase(Locale.ROOT);
            List<String> values =
                    COMPLETION_WORDS.stream().filter(w -> w.startsWith(prefix)).toList();
            return new CompleteResult(new CompleteResult.CompleteCompletion(values, values.size(), false));
        }));
    }

    private static PromptArgument argument(String name, String description) {
        return PromptArgument.builder(name)
                .description(description)
                .required(true)
                .build();
    }

    private static String arg(GetPromptRequest request, String name) {
        Object value = request.arguments() == null ? null : request.arguments().get(name);
        if (value == null) {
            throw new IllegalArgumentException("arguments." + name + ": missing (required)");
        }
        return value.toString();
    }

    private static PromptMessage message(io.modelcontextprotocol.spec.McpSchema.Content content) {
        return new PromptMessage(Role.USER, content);
    }

    private static GetPromptResult result(PromptMessage... messages) {
        return new GetPromptResult(null, List.of(messages));
    }
}
