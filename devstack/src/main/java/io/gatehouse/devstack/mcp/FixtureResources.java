package io.gatehouse.devstack.mcp;

import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.spec.McpSchema.BlobResourceContents;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.ResourceTemplate;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The resources of the suite's fixture: {@code test://static-text}, {@code test://static-binary},
 * {@code test://watched-resource} (subscribable; its content changes with every {@link #touchWatched()})
 * and the template {@code test://template/{id}/data}.
 */
final class FixtureResources {

    static final String STATIC_TEXT = "test://static-text";
    static final String STATIC_BINARY = "test://static-binary";
    static final String WATCHED = "test://watched-resource";
    static final String TEMPLATE = "test://template/{id}/data";

    private static final Pattern TEMPLATE_URI = Pattern.compile("test://template/([^/]+)/data");

    private final AtomicLong watchedVersion = new AtomicLong();

    List<SyncResourceSpecification> resources() {
        return List.of(
                new SyncResourceSpecification(
                        Resource.builder(STATIC_TEXT, "static-text")
                                .title("Static text")
                                .description("A static text resource")
                                .mimeType("text/plain")
                                .build(),
                        (ex, req) ->
                                text(STATIC_TEXT, "text/plain", "This is the content of the static text resource.")),
                new SyncResourceSpecification(
                        Resource.builder(STATIC_BINARY, "static-binary")
                                .title("Static binary")
                                .description("A static binary resource (1x1 PNG)")
                                .mimeType("image/png")
                                .build(),
                        (ex, req) -> new ReadResourceResult(
                                List.of(BlobResourceContents.builder(STATIC_BINARY, FixtureTools.PNG_1X1)
                                        .mimeType("image/png")
                                        .build()))),
                new SyncResourceSpecification(
                        Resource.builder(WATCHED, "watched-resource")
                                .title("Watched resource")
                                .description(
                                        "A resource that changes; subscribe to get notifications/resources/updated")
                                .mimeType("text/plain")
                                .build(),
                        (ex, req) -> text(
                                WATCHED, "text/plain", "Watched resource content, version " + watchedVersion.get())));
    }

    List<SyncResourceTemplateSpecification> templates() {
        return List.of(new SyncResourceTemplateSpecification(
                ResourceTemplate.builder(TEMPLATE, "template-data")
                        .title("Template data")
                        .description("Data for one id")
                        .mimeType("application/json")
                        .build(),
                (ex, req) -> {
                    Matcher m = TEMPLATE_URI.matcher(req.uri());
                    if (!m.matches()) {
                        throw new IllegalArgumentException("uri: '" + req.uri() + "' (expected " + TEMPLATE + ")");
                    }
                    String id = m.group(1);
                    String json = "{\"id\":\"" + id.replace("\"", "")
                            + "\",\"templateTest\":true,\"data\":\"Data for ID: " + id.replace("\"", "") + "\"}";
                    return text(req.uri(), "application/json", json);
                }));
    }

    /** Changes the watched resource; returns its new version. */
    long touchWatched() {
        return watchedVersion.incrementAndGet();
    }

    private static ReadResourceResult text(String uri, String mimeType, String text) {
        return new ReadResourceResult(List.of(
                TextResourceContents.builder(uri, text).mimeType(mimeType).build()));
    }
}
