package io.gatehouse.protocol.signing;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM sealing with random 96-bit nonces and caller-supplied associated data (e.g. tenant id and
 * purpose, so a sealed value cannot be moved to another row or file). Seals with the primary key; opens
 * with whichever held key the {@link SealedSecret} names, so master keys can rotate. Thread-safe.
 *
 * <p>Random nonces are safe for up to 2^32 seals per key (NIST SP 800-38D §8.3); rotate the key long before.
 */
public final class Aead {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final MasterKey primary;
    private final Map<String, MasterKey> keys = new LinkedHashMap<>();

    /** @param primary seals new data; {@code older} keys only open data sealed earlier */
    public Aead(MasterKey primary, MasterKey... older) {
        this.primary = Objects.requireNonNull(primary, "primary");
        keys.put(primary.id(), primary);
        for (MasterKey key : older) {
            if (keys.putIfAbsent(Objects.requireNonNull(key, "older key").id(), key) != null) {
                throw new IllegalArgumentException("master key id '" + key.id() + "' given twice");
            }
        }
    }

    /** Seals {@code plaintext}, binding {@code associatedData} (may be empty, never null). */
    public SealedSecret seal(byte[] plaintext, byte[] associatedData) {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(associatedData, "associatedData");
        byte[] nonce = new byte[SealedSecret.NONCE_LENGTH];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, primary, nonce);
            cipher.updateAAD(aad(primary.id(), associatedData));
            return new SealedSecret(primary.id(), nonce, cipher.doFinal(plaintext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** Opens {@code sealed}; the associated data must equal what was given to {@link #seal}. */
    public byte[] open(SealedSecret sealed, byte[] associatedData) throws SealingException {
        Objects.requireNonNull(sealed, "sealed");
        Objects.requireNonNull(associatedData, "associatedData");
        MasterKey key = keys.get(sealed.keyId());
        if (key == null) {
            throw new SealingException(
                    SealingException.Reason.UNKNOWN_KEY,
                    "sealed with master key '" + sealed.keyId() + "', which is not configured (have: " + keys.keySet()
                            + ")");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, sealed.nonce());
            cipher.updateAAD(aad(key.id(), associatedData));
            return cipher.doFinal(sealed.ciphertext());
        } catch (AEADBadTagException e) {
            throw new SealingException(
                    SealingException.Reason.DECRYPTION_FAILED,
                    "authentication failed with master key '" + key.id()
                            + "' (wrong key, wrong associated data, or tampered data)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed unexpectedly", e);
        }
    }

    /** Seals into the binary encoding (for files, e.g. the agent's last-known-good bundle). */
    public byte[] sealToBytes(byte[] plaintext, byte[] associatedData) {
        return seal(plaintext, associatedData).encode();
    }

    /** Opens the binary encoding. */
    public byte[] openBytes(byte[] encoded, byte[] associatedData) throws SealingException {
        return open(SealedSecret.decode(encoded), associatedData);
    }

    @Override
    public String toString() {
        return "Aead[primary=" + primary.id() + ", keys=" + keys.keySet() + "]";
    }

    private static Cipher cipher(int mode, MasterKey key, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key.secretKey(), new GCMParameterSpec(SealedSecret.TAG_LENGTH * 8, nonce));
        return cipher;
    }

    private static byte[] aad(String keyId, byte[] associatedData) {
        byte[] header = SealedSecret.header(keyId);
        return ByteBuffer.allocate(header.length + associatedData.length)
                .put(header)
                .put(associatedData)
                .array();
    }
}
