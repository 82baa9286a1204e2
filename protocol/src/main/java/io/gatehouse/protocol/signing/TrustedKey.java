package io.gatehouse.protocol.signing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.ECKey;
import java.time.Instant;
import java.util.Objects;

/**
 * One bundle-signing public key of a trust set and its validity window.
 *
 * @param publicKey EC P-256 or P-384 public JWK whose {@code kid} is its RFC 7638 thumbprint
 * @param notBefore the key verifies nothing before this instant (whole seconds)
 * @param notAfter the key verifies nothing after this instant, or {@code null} for "until removed"
 */
public record TrustedKey(ECKey publicKey, Instant notBefore, Instant notAfter) {

    public TrustedKey {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(notBefore, "notBefore");
        publicKey = publicKey.toPublicJWK();
        Jws.algorithmFor(publicKey);
        String thumbprint = thumbprint(publicKey);
        if (!thumbprint.equals(publicKey.getKeyID())) {
            throw new IllegalArgumentException(
                    "kid '" + publicKey.getKeyID() + "' is not the key's RFC 7638 thumbprint");
        }
        notBefore = Instant.ofEpochSecond(notBefore.getEpochSecond());
        if (notAfter != null) {
            notAfter = Instant.ofEpochSecond(notAfter.getEpochSecond());
            if (!notAfter.isAfter(notBefore)) {
                throw new IllegalArgumentException("key " + publicKey.getKeyID() + ": notAfter " + notAfter
                        + " is not after notBefore " + notBefore);
            }
        }
    }

    /** A key valid from {@code notBefore} until it is removed from the trust set. */
    public static TrustedKey of(ECKey publicKey, Instant notBefore) {
        return new TrustedKey(publicKey, notBefore, null);
    }

    public String keyId() {
        return publicKey.getKeyID();
    }

    /** Whether this key may verify a signature checked at {@code at}. */
    public boolean isValidAt(Instant at) {
        return !at.isBefore(notBefore) && (notAfter == null || !at.isAfter(notAfter));
    }

    static String thumbprint(ECKey key) {
        try {
            return key.computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException("SHA-256 thumbprint failed", e);
        }
    }
}
