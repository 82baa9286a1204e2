package io.gatehouse.controlplane.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.protocol.api.AlertWebhookRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    static final byte[] BODY = "{\"id\":\"1\",\"type\":\"AUDIT_GAP\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void signatureIsHmacSha256OverTimestampDotBody() {
        // openssl: printf '1700000000.{"id":"1","type":"AUDIT_GAP"}' | openssl dgst -sha256 -hmac whsec_test
        assertThat(WebhookSignature.sign("whsec_test", 1_700_000_000L, BODY))
                .isEqualTo("v1=" + hmacHex("whsec_test", "1700000000." + new String(BODY, StandardCharsets.UTF_8)));
        String header = WebhookSignature.sign("whsec_test", 1_700_000_000L, BODY);
        assertThat(WebhookSignature.verify("whsec_test", 1_700_000_000L, BODY, header))
                .isTrue();
        assertThat(WebhookSignature.verify("whsec_other", 1_700_000_000L, BODY, header))
                .isFalse();
        assertThat(WebhookSignature.verify("whsec_test", 1_700_000_001L, BODY, header))
                .isFalse();
        assertThat(WebhookSignature.verify("whsec_test", 1_700_000_000L, "{}".getBytes(StandardCharsets.UTF_8), header))
                .isFalse();
        assertThat(WebhookSignature.verify("whsec_test", 1_700_000_000L, BODY, null))
                .isFalse();
    }

    private static String hmacHex(String key, String data) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void webhookRequestsAreValidatedBeforeAnythingIsStored() {
        assertThat(WebhookService.validate(
                        new AlertWebhookRequest("https://hooks.example/x", List.of("audit_gap"), null, null)))
                .satisfies(v -> {
                    assertThat(v.events()).isEqualTo("AUDIT_GAP");
                    assertThat(v.enabled()).isTrue();
                });
        assertThat(WebhookService.validate(new AlertWebhookRequest("http://127.0.0.1:8080/h", null, false, "d"))
                        .events())
                .isEmpty();
        assertThatThrownBy(() ->
                        WebhookService.validate(new AlertWebhookRequest("http://hooks.example/x", null, null, null)))
                .hasMessageStartingWith("url: ")
                .hasMessageContaining("https");
        assertThatThrownBy(() -> WebhookService.validate(new AlertWebhookRequest(null, null, null, null)))
                .hasMessage("url: required");
        assertThatThrownBy(() -> WebhookService.validate(
                        new AlertWebhookRequest("https://user:pw@hooks.example/x", null, null, null)))
                .hasMessage("url: credentials in the URL are not allowed");
        assertThatThrownBy(() -> WebhookService.validate(
                        new AlertWebhookRequest("https://hooks.example/x", List.of("NOPE"), null, null)))
                .hasMessageStartingWith("events: 'NOPE'");
    }
}
