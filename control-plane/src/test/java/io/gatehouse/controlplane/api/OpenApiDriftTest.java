package io.gatehouse.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document shipped in {@code protocol} ({@code openapi/gatehouse-api.yaml}) must equal
 * the one built from the code. After an intended API change, regenerate it with
 * {@code ./mvnw -pl control-plane -am test -Dtest=OpenApiDriftTest -Dsurefire.failIfNoSpecifiedTests=false -Dgatehouse.openapi.write=true}.
 */
class OpenApiDriftTest {
    private static final String RESOURCE = "openapi/gatehouse-api.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    @Test
    void shippedDocumentMatchesTheResources() throws IOException {
        JsonNode built = OpenApiDocument.build(ResourceClasses.all());
        if (Boolean.getBoolean("gatehouse.openapi.write")) {
            Path target = Path.of("..", "protocol", "src", "main", "resources", RESOURCE);
            Files.createDirectories(target.getParent());
            YAML.writerWithDefaultPrettyPrinter().writeValue(target.toFile(), built);
        }
        try (InputStream shipped = getClass().getClassLoader().getResourceAsStream(RESOURCE)) {
            assertThat(shipped)
                    .as(RESOURCE + " on the classpath (from gatehouse-protocol)")
                    .isNotNull();
            JsonNode document = YAML.readTree(shipped);
            assertThat(document)
                    .as("protocol/src/main/resources/" + RESOURCE + " has drifted from the resources; regenerate it"
                            + " (see this test's javadoc) and review the diff")
                    .isEqualTo(built);
        }
    }

    @Test
    void documentCoversTheDesignSurface() {
        JsonNode paths = OpenApiDocument.build(ResourceClasses.all()).get("paths");
        for (String path : new String[] {
            "/api/v1/signup",
            "/api/v1/sessions",
            "/api/v1/users",
            "/api/v1/invitations",
            "/api/v1/tokens",
            "/api/v1/identity-providers",
            "/api/v1/servers",
            "/api/v1/scopes",
            "/api/v1/tool-bindings",
            "/api/v1/policies",
            "/api/v1/policies:simulate",
            "/api/v1/redaction-rules",
            "/api/v1/rate-limits",
            "/api/v1/kill-switches",
            "/api/v1/data-plane-groups",
            "/api/v1/enrollment-tokens",
            "/api/v1/activity",
            "/api/v1/bundles",
            "/api/v1/bundles:publish",
            "/api/v1/bundles:rollback",
            "/api/v1/data-planes",
            "/api/v1/data-planes/{id}",
            "/api/v1/data-planes:enroll",
            "/api/v1/signing-keys",
            "/api/v1/signing-keys:rotate",
            "/api/v1/audit/events",
            "/api/v1/audit/events/{id}",
            "/api/v1/audit/stats",
            "/api/v1/audit/export",
            "/api/v1/audit/verify",
            "/api/v1/alerts/webhooks",
            "/api/v1/alerts/webhooks/{id}",
            "/api/v1/alerts/webhooks/{id}/deliveries"
        }) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
        assertThat(paths.at("/~1api~1v1~1servers/get/parameters").findValuesAsText("name"))
                .contains("limit", "cursor", "sort", "status", "label", "q");
        assertThat(paths.at("/~1api~1v1~1data-planes:enroll/post/security"))
                .as("enrollment is public")
                .isEmpty();
        assertThat(paths.at("/~1api~1v1~1bundles:publish/post/x-gatehouse-permission")
                        .asText())
                .isEqualTo("CONFIG_WRITE");
        assertThat(paths.at("/~1api~1v1~1servers~1{id}/put/x-gatehouse-permission")
                        .asText())
                .isEqualTo("CONFIG_WRITE");
    }
}
