package io.gatehouse.protocol.signing;

import com.nimbusds.jose.jwk.ECKey;
import java.text.ParseException;
import java.util.Objects;

/**
 * The agent's own EC P-256 key pair. Generated on the agent host and never sent anywhere; only
 * {@link #publicJwk()} leaves it (at enrollment). The {@code kid} is the RFC 7638 thumbprint, which also
 * serves as the stable key identifier in audit batch signatures. {@link #toString()} shows the kid only.
 */
public final class AgentIdentity {

    private final ECKey privateKey;

    private AgentIdentity(ECKey privateKey) {
        this.privateKey = privateKey;
    }

    /** A new random identity. */
    public static AgentIdentity generate() {
        return new AgentIdentity(KeyRing.generateKey());
    }

    /** Loads an identity from its private JWK JSON (as produced by {@link #toPrivateJwkJson()}). */
    public static AgentIdentity fromPrivateJwkJson(String json) {
        Objects.requireNonNull(json, "json");
        ECKey key;
        try {
            key = ECKey.parse(json);
        } catch (ParseException e) {
            throw new IllegalArgumentException("agent key: not an EC JWK (" + e.getMessage() + ")");
        }
        if (!key.isPrivate()) {
            throw new IllegalArgumentException("agent key: the JWK has no private part");
        }
        if (!Jws.algorithmFor(key).equals(com.nimbusds.jose.JWSAlgorithm.ES256)) {
            throw new IllegalArgumentException("agent key: expected curve P-256");
        }
        String thumbprint = TrustedKey.thumbprint(key.toPublicJWK());
        if (!thumbprint.equals(key.getKeyID())) {
            throw new IllegalArgumentException("agent key: kid is not the key's RFC 7638 thumbprint");
        }
        return new AgentIdentity(key);
    }

    /** The private JWK as JSON, for sealed storage on the agent host only (seal it with {@link Aead}). */
    public String toPrivateJwkJson() {
        return privateKey.toJSONString();
    }

    /** RFC 7638 thumbprint of the public key; the {@code kid}. */
    public String keyId() {
        return privateKey.getKeyID();
    }

    /** The public JWK (with {@code kid}) to register at enrollment. */
    public ECKey publicJwk() {
        return privateKey.toPublicJWK();
    }

    /** The private key, for signing audit batches and status reports. */
    public ECKey signingKey() {
        return privateKey;
    }

    @Override
    public String toString() {
        return "AgentIdentity[kid=" + keyId() + "]";
    }
}
