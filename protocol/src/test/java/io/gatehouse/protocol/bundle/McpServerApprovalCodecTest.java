package io.gatehouse.protocol.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The additive supply-chain fields of a bundle server: {@code toolPins} and {@code approval}. */
class McpServerApprovalCodecTest {

    private static final String PIN = "sha256:Fc8b_uURFMHOcJPUHPJMViiIjbzcmcmTTO7viquW1Wo";
    private static final String SERVER = "{\"allowedHosts\":[],\"allowedOrigins\":[],\"id\":\"srv-open\","
            + "\"requiredScopes\":[],\"resourceUri\":\"http://127.0.0.1:9090/mcp/open\",\"slug\":\"open\","
            + "\"status\":\"active\",\"transport\":\"streamable-http\",\"unboundTools\":\"allow\","
            + "\"upstreamAuth\":{\"type\":\"none\"},\"upstreamUrl\":\"http://127.0.0.1:3001/mcp\"%s}";

    private static String bundle(String extraServerFields) {
        return "{\"metadata\":{\"tenantId\":\"t\",\"group\":\"g\",\"version\":1,\"schemaVersion\":1,"
                + "\"issuedAt\":\"2026-01-01T00:00:00Z\",\"expiresAt\":\"2026-02-01T00:00:00Z\"},\"servers\":["
                + SERVER.formatted(extraServerFields) + "]}";
    }

    private static Bundle decode(String json) throws BundleFormatException {
        return BundleCodec.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String canonical(Bundle bundle) {
        return new String(BundleCodec.canonicalJson(bundle), StandardCharsets.UTF_8);
    }

    @Test
    void pinsAndApprovalRoundTripCanonically() throws Exception {
        Bundle bundle = decode(bundle(
                ",\"approval\":\"approved\",\"toolPins\":[{\"name\":\"read_file\",\"fingerprint\":\"" + PIN + "\"}]"));
        McpServer server = bundle.servers().get(0);
        assertThat(server.approval()).isEqualTo(McpServer.Approval.APPROVED);
        assertThat(server.managed()).isTrue();
        assertThat(server.toolPins()).containsExactly(new ToolPin("read_file", PIN));
        String canonical = canonical(bundle);
        assertThat(canonical)
                .contains("\"approval\":\"approved\"")
                .contains("\"toolPins\":[{\"fingerprint\":\"" + PIN + "\",\"name\":\"read_file\"}]");
        assertThat(canonical(decode(canonical))).isEqualTo(canonical);
    }

    @Test
    void absentFieldsMeanAnUnmanagedServerAndKeepTheOldCanonicalForm() throws Exception {
        Bundle bundle = decode(bundle(""));
        McpServer server = bundle.servers().get(0);
        assertThat(server.approval()).isNull();
        assertThat(server.managed()).isFalse();
        assertThat(server.toolPins()).isEmpty();
        assertThat(canonical(bundle)).doesNotContain("approval").doesNotContain("toolPins");
        McpServer approved = server.withApproval(McpServer.Approval.PENDING, List.of());
        assertThat(approved.approval()).isEqualTo(McpServer.Approval.PENDING);
        assertThat(approved.slug()).isEqualTo("open");
    }

    @Test
    void invalidPinsAndApprovalsNameTheField() {
        assertThatThrownBy(() -> decode(bundle(",\"toolPins\":[{\"name\":\"a\",\"fingerprint\":\"md5:x\"}]")))
                .isInstanceOf(BundleFormatException.class)
                .hasMessageStartingWith("servers[0].toolPins[0]: tool fingerprint: 'md5:x'");
        assertThatThrownBy(() -> decode(bundle(",\"toolPins\":[{\"name\":\"a\",\"fingerprint\":\"" + PIN
                        + "\"},{\"name\":\"a\",\"fingerprint\":\"" + PIN + "\"}]")))
                .isInstanceOf(BundleFormatException.class)
                .hasMessage("servers[0]: toolPins: duplicate 'a'");
        assertThatThrownBy(() -> decode(bundle(",\"toolPins\":[{\"name\":\"a\"}]")))
                .isInstanceOf(BundleFormatException.class)
                .hasMessageContaining("fingerprint");
        assertThatThrownBy(() -> decode(bundle(",\"approval\":\"maybe\"")))
                .isInstanceOf(BundleFormatException.class)
                .hasMessageStartingWith("servers[0].approval");
    }
}
