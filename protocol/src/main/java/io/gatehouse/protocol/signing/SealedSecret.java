package io.gatehouse.protocol.signing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * The self-describing encoding of AES-256-GCM sealed data, version 1:
 *
 * <pre>
 * 'G' 'H' 'S' | version (1 byte = 0x01) | keyIdLength (1 byte, 1..64) | keyId (ASCII) | nonce (12 bytes) | ciphertext ‖ tag (≥ 16 bytes)
 * </pre>
 *
 * The header (everything before the nonce) is authenticated as part of the associated data, so the key id
 * cannot be swapped. The text form is the unpadded base64url of those bytes.
 */
public record SealedSecret(String keyId, byte[] nonce, byte[] ciphertext) {

    static final byte[] MAGIC = {'G', 'H', 'S'};
    static final byte VERSION = 1;
    static final int NONCE_LENGTH = 12;
    static final int TAG_LENGTH = 16;

    public SealedSecret {
        MasterKey.requireId(keyId);
        nonce = Objects.requireNonNull(nonce, "nonce").clone();
        ciphertext = Objects.requireNonNull(ciphertext, "ciphertext").clone();
        if (nonce.length != NONCE_LENGTH) {
            throw new IllegalArgumentException("nonce: " + nonce.length + " bytes (expected: " + NONCE_LENGTH + ")");
        }
        if (ciphertext.length < TAG_LENGTH) {
            throw new IllegalArgumentException(
                    "ciphertext: " + ciphertext.length + " bytes (expected: >= " + TAG_LENGTH + ", the GCM tag)");
        }
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    /** The header bytes that are authenticated together with the caller's associated data. */
    static byte[] header(String keyId) {
        byte[] id = keyId.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream(5 + id.length);
        out.writeBytes(MAGIC);
        out.write(VERSION);
        out.write(id.length);
        out.writeBytes(id);
        return out.toByteArray();
    }

    /** The binary encoding. */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header(keyId));
        out.writeBytes(nonce);
        out.writeBytes(ciphertext);
        return out.toByteArray();
    }

    /** The text encoding (unpadded base64url of {@link #encode()}). */
    public String toText() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(encode());
    }

    /** Decodes the binary form. */
    public static SealedSecret decode(byte[] bytes) throws SealingException {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length < 5 || !Arrays.equals(bytes, 0, 3, MAGIC, 0, 3)) {
            throw new SealingException(SealingException.Reason.MALFORMED, "not a Gatehouse sealed secret");
        }
        if (bytes[3] != VERSION) {
            throw new SealingException(
                    SealingException.Reason.MALFORMED,
                    "sealed secret version " + bytes[3] + " (supported: " + VERSION + ")");
        }
        int idLength = bytes[4] & 0xff;
        int nonceStart = 5 + idLength;
        if (idLength < 1 || idLength > 64 || bytes.length < nonceStart + NONCE_LENGTH + TAG_LENGTH) {
            throw new SealingException(
                    SealingException.Reason.MALFORMED, "sealed secret is truncated or has a bad key id");
        }
        String keyId = new String(bytes, 5, idLength, StandardCharsets.US_ASCII);
        try {
            return new SealedSecret(
                    keyId,
                    Arrays.copyOfRange(bytes, nonceStart, nonceStart + NONCE_LENGTH),
                    Arrays.copyOfRange(bytes, nonceStart + NONCE_LENGTH, bytes.length));
        } catch (IllegalArgumentException e) {
            throw new SealingException(SealingException.Reason.MALFORMED, "sealed secret: " + e.getMessage());
        }
    }

    /** Decodes the text form. */
    public static SealedSecret fromText(String text) throws SealingException {
        Objects.requireNonNull(text, "text");
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new SealingException(SealingException.Reason.MALFORMED, "sealed secret text is not base64url");
        }
        return decode(bytes);
    }

    @Override
    public String toString() {
        return "SealedSecret[keyId=" + keyId + ", ciphertextBytes=" + ciphertext.length + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SealedSecret that
                && keyId.equals(that.keyId)
                && Arrays.equals(nonce, that.nonce)
                && Arrays.equals(ciphertext, that.ciphertext);
    }

    @Override
    public int hashCode() {
        return 31 * keyId.hashCode() + Arrays.hashCode(ciphertext);
    }
}
