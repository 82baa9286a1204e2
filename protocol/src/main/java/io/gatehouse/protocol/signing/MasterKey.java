package io.gatehouse.protocol.signing;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A named AES-256 key for {@link Aead} sealing (the control plane's master key for tenant signing keys, or
 * the agent's local storage key). The key bytes never appear in {@link #toString()} or in any message.
 */
public final class MasterKey {

    /** Key length in bytes (AES-256). */
    public static final int LENGTH = 32;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String id;
    private final byte[] key;

    private MasterKey(String id, byte[] key) {
        this.id = requireId(id);
        if (key.length != LENGTH) {
            throw new IllegalArgumentException(
                    "master key '" + id + "': " + key.length + " bytes (expected: " + LENGTH + " bytes for AES-256)");
        }
        this.key = key.clone();
    }

    /**
     * Parses a key from base64 (standard or URL-safe alphabet, padding optional), e.g. from configuration or
     * an environment variable. Errors name the key id and the problem, never the value.
     */
    public static MasterKey parse(String id, String base64) {
        requireId(id);
        if (base64 == null || base64.isBlank()) {
            throw new IllegalArgumentException(
                    "master key '" + id + "': empty (expected " + LENGTH + " bytes, base64)");
        }
        String text = base64.strip();
        byte[] decoded;
        try {
            decoded = text.indexOf('-') >= 0 || text.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(text)
                    : Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("master key '" + id + "': not valid base64");
        }
        try {
            return new MasterKey(id, decoded);
        } finally {
            Arrays.fill(decoded, (byte) 0);
        }
    }

    /** A fresh random key. */
    public static MasterKey generate(String id) {
        byte[] bytes = new byte[LENGTH];
        RANDOM.nextBytes(bytes);
        try {
            return new MasterKey(id, bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** The key as standard base64 (for writing a newly generated key into configuration). */
    public String toBase64() {
        return Base64.getEncoder().encodeToString(key);
    }

    public String id() {
        return id;
    }

    SecretKey secretKey() {
        return new SecretKeySpec(key, "AES");
    }

    @Override
    public String toString() {
        return "MasterKey[id=" + id + ", AES-256]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MasterKey that
                && id.equals(that.id)
                && java.security.MessageDigest.isEqual(key, that.key);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    static String requireId(String id) {
        Objects.requireNonNull(id, "master key id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "master key id '" + Claims.printable(id) + "' (expected: 1-64 of [A-Za-z0-9._-])");
        }
        return id;
    }
}
