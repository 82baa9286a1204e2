package io.gatehouse.protocol.signing;

import com.nimbusds.jose.util.Base64URL;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/** SHA-256 helpers in the encodings Gatehouse wire formats use (unpadded base64url, lowercase hex). */
public final class Digests {

    private Digests() {}

    /** Raw SHA-256 of {@code data}. */
    public static byte[] sha256(byte[] data) {
        Objects.requireNonNull(data, "data");
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    /** SHA-256 of {@code data} as unpadded base64url (43 characters). */
    public static String sha256Base64Url(byte[] data) {
        return Base64URL.encode(sha256(data)).toString();
    }

    /** SHA-256 of {@code data} as lowercase hex (64 characters). */
    public static String sha256Hex(byte[] data) {
        return java.util.HexFormat.of().formatHex(sha256(data));
    }

    /** Constant-time comparison of two strings' UTF-8 bytes (for digests and nonces). */
    public static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(
                a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
