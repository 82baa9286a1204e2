package io.gatehouse.protocol.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BundleCodecTest {

    static final String GOLDEN_SHA256 = "0659e3876085bdd303990a50dfabf7a9536e5d4631817d0e7627b759771817dc";

    static byte[] golden() throws IOException {
        try (InputStream in = BundleCodecTest.class.getResourceAsStream("/bundle/full-bundle.json")) {
            return in.readAllBytes();
        }
    }

    static String goldenText() throws IOException {
        return new String(golden(), StandardCharsets.UTF_8);
    }

    static BundleFormatException decodeFailure(String json) {
        try {
            BundleCodec.decode(json.getBytes(StandardCharsets.UTF_8));
        } catch (BundleFormatException e) {
            return e;
        }
        throw new AssertionError("expected the bundle to be rejected: " + json);
    }

    @Test
    void goldenBundleDecodesToTheFullModel() throws Exception {
        Bundle bundle = BundleCodec.decode(golden());

        assertThat(bundle.metadata().tenantId()).isEqualTo("t-acme");
        assertThat(bundle.metadata().version()).isEqualTo(42);
        assertThat(bundle.metadata().issuedAt()).isEqualTo(Instant.parse("2026-11-24T00:00:00Z"));
        assertThat(bundle.servers()).extracting(McpServer::slug).containsExactly("files", "crm", "hr", "open");
        McpServer files = bundle.serverBySlug("files");
        assertThat(files.resourceUri()).isEqualTo(URI.create("https://gw.acme.example/mcp/files"));
        assertThat(files.upstreamAuth())
                .isEqualTo(new UpstreamAuth.StaticHeader("X-API-Key", "", SecretRef.parse("env:FILES_API_KEY")));
        assertThat(bundle.serverBySlug("crm").upstreamAuth()).isInstanceOf(UpstreamAuth.ClientCredentials.class);
        assertThat(bundle.serverBySlug("hr").upstreamAuth()).isInstanceOf(UpstreamAuth.TokenExchange.class);
        assertThat(bundle.serverBySlug("hr").status()).isEqualTo(McpServer.Status.DISABLED);
        assertThat(bundle.serverBySlug("open").upstreamAuth()).isEqualTo(new UpstreamAuth.None());
        assertThat(bundle.identityProviders().get(1).claimMappings().subject()).isEqualTo("oid");
        assertThat(bundle.identityProviders()
                        .get(1)
                        .introspection()
                        .clientSecret()
                        .source())
                .isEqualTo(SecretRef.Source.ENV);
        assertThat(bundle.scopes().get(2).implies()).containsExactly("files:read");
        assertThat(bundle.toolBindings().get(2).matches("delete_file")).isTrue();
        assertThat(bundle.toolBindings().get(2).risk()).isEqualTo(ToolBinding.Risk.DESTRUCTIVE);
        assertThat(bundle.policies().get(0).mode()).isEqualTo(PolicyRule.Mode.SHADOW);
        assertThat(bundle.rateLimits().get(0).refillPeriod()).isEqualTo(Duration.ofMinutes(1));
        assertThat(bundle.killSwitches().get(0).scope()).isEqualTo(KillSwitch.Scope.TOOL);
    }

    @Test
    void canonicalEncodingReproducesTheGoldenBytesAndDigest() throws Exception {
        Bundle bundle = BundleCodec.decode(golden());

        assertThat(new String(BundleCodec.canonicalJson(bundle), StandardCharsets.UTF_8))
                .isEqualTo(goldenText());
        assertThat(BundleCodec.sha256Hex(bundle)).isEqualTo(GOLDEN_SHA256);
        assertThat(BundleCodec.sha256Hex(golden())).isEqualTo(GOLDEN_SHA256);
    }

    @Test
    void canonicalFormIgnoresInputKeyOrderAndWhitespace() throws Exception {
        String reordered = goldenText()
                .replace("{\"expiresAt\":\"2026-12-24T00:00:00Z\",", "{\n  ")
                .replace("\"version\":42}", "\"version\":42, \"expiresAt\" : \"2026-12-24T00:00:00Z\"}");
        assertThat(reordered).isNotEqualTo(goldenText());

        Bundle bundle = BundleCodec.decode(reordered.getBytes(StandardCharsets.UTF_8));

        assertThat(BundleCodec.sha256Hex(bundle)).isEqualTo(GOLDEN_SHA256);
    }

    @Test
    void aChangedValueChangesTheDigest() throws Exception {
        Bundle bundle = BundleCodec.decode(
                goldenText().replace("\"version\":42", "\"version\":43").getBytes(StandardCharsets.UTF_8));
        assertThat(BundleCodec.sha256Hex(bundle)).isNotEqualTo(GOLDEN_SHA256);
    }

    @Test
    void unknownFieldsAreRejectedWithTheirPath() throws Exception {
        assertThat(decodeFailure(goldenText().replace("\"slug\":\"files\"", "\"slug\":\"files\",\"colour\":\"red\""))
                        .getMessage())
                .isEqualTo("servers[0]: unknown field 'colour'");
        assertThat(decodeFailure(goldenText().replace("{\"expiresAt\"", "{\"secretValue\":\"x\",\"expiresAt\""))
                        .getMessage())
                .isEqualTo("metadata: unknown field 'secretValue'");
    }

    @Test
    void invalidValuesNameTheFieldAndTheValue() throws Exception {
        assertThat(decodeFailure(goldenText().replace("\"slug\":\"files\"", "\"slug\":\"Files!\""))
                        .getMessage())
                .startsWith("servers[0]: slug: 'Files!' (expected: to match");
        assertThat(decodeFailure(goldenText().replace("\"version\":42", "\"version\":0"))
                        .getMessage())
                .isEqualTo("metadata: version: 0 (expected: >= 1)");
        assertThat(decodeFailure(goldenText().replace("\"schemaVersion\":1", "\"schemaVersion\":2"))
                        .getMessage())
                .isEqualTo("metadata: schemaVersion: 2 (expected: 1)");
        assertThat(decodeFailure(goldenText()
                                .replace("https://gw.acme.example/mcp/files", "https://GW.acme.example/mcp/files"))
                        .getMessage())
                .contains("resourceUri")
                .contains("lower-case");
        assertThat(decodeFailure(goldenText().replace("[\"RS256\",\"ES256\"]", "[\"HS256\"]"))
                        .getMessage())
                .startsWith("identityProviders[0]: algorithms: 'HS256' (expected one of");
        assertThat(decodeFailure(goldenText().replace("\"risk\":\"read\"", "\"risk\":\"harmless\""))
                        .getMessage())
                .startsWith("toolBindings[0].risk:");
    }

    @Test
    void missingRequiredFieldsAreNamed() throws Exception {
        assertThat(decodeFailure(goldenText().replace("\"status\":\"disabled\",", ""))
                        .getMessage())
                .isEqualTo("servers[2]: missing field 'status'");
        assertThat(decodeFailure(goldenText().replace("\"version\":42", "\"versionx\":42"))
                        .getMessage())
                .isEqualTo("metadata: missing field 'version'");
        assertThat(decodeFailure("{\"metadata\":{\"tenantId\":\"t\",\"group\":\"g\",\"schemaVersion\":1,"
                                + "\"issuedAt\":\"2026-01-01T00:00:00Z\",\"expiresAt\":\"2026-02-01T00:00:00Z\"}}")
                        .getMessage())
                .contains("metadata")
                .contains("'version'");
    }

    @Test
    void secretsCanOnlyBeReferences() throws Exception {
        assertThat(decodeFailure(goldenText().replace("\"env:FILES_API_KEY\"", "\"s3cr3t-value\""))
                        .getMessage())
                .contains("secret reference must be 'env:NAME' or 'file:/path'");
        assertThat(decodeFailure(goldenText().replace("file:/run/secrets/crm-client-secret", "file:relative"))
                        .getMessage())
                .contains("expected: an absolute file path");
    }

    @Test
    void brokenReferencesBetweenSectionsAreRejected() throws Exception {
        assertThat(decodeFailure(goldenText()
                                .replace(
                                        "\"serverId\":\"srv-files\",\"toolPattern\":\"read_*\"",
                                        "\"serverId\":\"srv-nope\",\"toolPattern\":\"read_*\""))
                        .getMessage())
                .isEqualTo("bundle: toolBindings[tb-read].serverId: unknown server 'srv-nope'");
        assertThat(decodeFailure(goldenText().replace("\"implies\":[\"mcp:connect\"]", "\"implies\":[\"files:write\"]"))
                        .getMessage())
                .isEqualTo("bundle: scopes: 'implies' forms a cycle through 'files:read'");
        assertThat(decodeFailure(goldenText().replace("\"slug\":\"crm\"", "\"slug\":\"files\""))
                        .getMessage())
                .isEqualTo("bundle: servers (slug): duplicate 'files'");
    }

    @Test
    void malformedDocumentsAreRejected() {
        assertThat(decodeFailure("{\"scopes\":[],\"scopes\":[]}").getMessage()).contains("Duplicate field 'scopes'");
        assertThat(decodeFailure("[]").getMessage()).startsWith("bundle:");
        assertThat(decodeFailure("{} {}").getMessage()).startsWith("bundle:");
        assertThat(decodeFailure("{\"metadata\":").getMessage()).startsWith("bundle:");
    }

    @Test
    void globMatching() {
        assertThat(Glob.matches("read_*", "read_file")).isTrue();
        assertThat(Glob.matches("read_*", "read_")).isTrue();
        assertThat(Glob.matches("read_*", "xread_file")).isFalse();
        assertThat(Glob.matches("a?c", "abc")).isTrue();
        assertThat(Glob.matches("a?c", "ac")).isFalse();
        assertThat(Glob.matches("*", "anything")).isTrue();
        assertThat(Glob.matches("*_file", "delete_file")).isTrue();
        assertThat(Glob.matches("exact", "exactly")).isFalse();
    }

    @Test
    void aMinimalBundleHasEmptySections() throws Exception {
        Bundle bundle = BundleCodec.decode(("{\"metadata\":{\"tenantId\":\"t\",\"group\":\"g\",\"version\":1,"
                        + "\"schemaVersion\":1,\"issuedAt\":\"2026-01-01T00:00:00Z\",\"expiresAt\":\"2026-02-01T00:00:00Z\"}}")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(bundle.servers()).isEmpty();
        assertThat(new String(BundleCodec.canonicalJson(bundle), StandardCharsets.UTF_8))
                .isEqualTo("{\"identityProviders\":[],\"killSwitches\":[],\"metadata\":{\"expiresAt\":"
                        + "\"2026-02-01T00:00:00Z\",\"group\":\"g\",\"issuedAt\":\"2026-01-01T00:00:00Z\","
                        + "\"schemaVersion\":1,\"tenantId\":\"t\",\"version\":1},\"policies\":[],\"rateLimits\":[],"
                        + "\"redactionRules\":[],\"scopes\":[],\"servers\":[],\"toolBindings\":[]}");
    }
}
