package io.gatehouse.controlplane.alerts;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook delivery: {@code Gatehouse-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "." +
 * body)>} with {@code Gatehouse-Timestamp: <unix seconds>}. A receiver recomputes it over the raw body, compares
 * in constant time and rejects timestamps older than a few minutes (replay).
 */
public final class WebhookSignature {

    public static final String TIMESTAMP_HEADER = "Gatehouse-Timestamp";
    public static final String SIGNATURE_HEADER = "Gatehouse-Signature";
    public static final String EVENT_ID_HEADER = "Gatehouse-Event-Id";

    private WebhookSignature() {}

    /** {@code v1=<hex>} for this timestamp and body. */
    public static String sign(String secret, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "v1=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Constant-time check of a received signature header. */
    public static boolean verify(String secret, long timestampSeconds, byte[] body, String header) {
        if (header == null) {
            return false;
        }
        return MessageDigest.isEqual(
                sign(secret, timestampSeconds, body).getBytes(StandardCharsets.US_ASCII),
                header.getBytes(StandardCharsets.US_ASCII));
    }
}
