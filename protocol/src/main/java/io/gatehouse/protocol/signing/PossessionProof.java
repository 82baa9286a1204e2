package io.gatehouse.protocol.signing;

import static io.gatehouse.protocol.signing.PossessionProofException.Reason;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Proof that an enrolling agent holds the private key of the public key it registers: a compact JWS
 * ({@code typ} {@code gatehouse-pop+jws}, ES256) over {@code {"aud", "iat", "nonce"}} whose protected header
 * carries the agent's public key as {@code jwk} and its thumbprint as {@code kid}. This is the only format
 * where a header key is used, and only to prove possession of that very key, never to trust it.
 */
public final class PossessionProof {

    /** {@code typ} header of a proof of possession. */
    public static final JOSEObjectType TYPE = new JOSEObjectType("gatehouse-pop+jws");

    /** Tolerated clock skew for {@code iat} in the future. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private static final Set<String> CLAIMS = Set.of("aud", "iat", "nonce");

    /** The key that was proven, identified by its thumbprint. */
    public record Verified(String keyId, ECKey publicKey, Instant issuedAt) {}

    private PossessionProof() {}

    /** Signs a proof over the server's {@code nonce} for {@code audience} (e.g. the control plane URL). */
    public static String create(AgentIdentity identity, String nonce, String audience, Instant now) {
        Objects.requireNonNull(identity, "identity");
        requireNonce(nonce);
        Objects.requireNonNull(audience, "audience");
        ObjectNode claims = CanonicalJson.object();
        claims.put("aud", audience);
        claims.put("iat", now.getEpochSecond());
        claims.put("nonce", nonce);
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(TYPE)
                .keyID(identity.keyId())
                .jwk(identity.publicJwk())
                .build();
        JWSObject jws = new JWSObject(header, new Payload(CanonicalJson.bytes(claims)));
        try {
            jws.sign(new ECDSASigner(identity.signingKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException("ECDSA signing failed", e);
        }
        return jws.serialize();
    }

    /**
     * Verifies a proof: ES256 only → header {@code jwk} is an EC P-256 public key whose thumbprint is the
     * {@code kid} → signature → {@code aud} → {@code nonce} (constant time) → {@code iat} within
     * {@code maxAge} (and not more than {@link #CLOCK_SKEW} ahead).
     */
    public static Verified verify(
            String proof, String expectedNonce, String expectedAudience, Instant now, Duration maxAge)
            throws PossessionProofException {
        requireNonce(expectedNonce);
        Objects.requireNonNull(expectedAudience, "expectedAudience");
        Jws.Parsed parsed;
        try {
            parsed = Jws.parse(proof, TYPE, Set.of(JWSAlgorithm.ES256));
        } catch (Jws.JwsException e) {
            throw new PossessionProofException(
                    e.failure() == Jws.Failure.ALGORITHM_NOT_ALLOWED ? Reason.ALGORITHM_NOT_ALLOWED : Reason.MALFORMED,
                    e.getMessage());
        }
        JWK headerKey = parsed.object().getHeader().getJWK();
        if (!(headerKey instanceof ECKey ecKey) || ecKey.isPrivate()) {
            throw new PossessionProofException(Reason.MALFORMED, "proof header carries no public EC jwk");
        }
        ECKey publicKey = ecKey.toPublicJWK();
        String thumbprint = TrustedKey.thumbprint(publicKey);
        if (!thumbprint.equals(parsed.keyId())) {
            throw new PossessionProofException(Reason.MALFORMED, "proof kid is not the thumbprint of its jwk");
        }
        try {
            Jws.verifySignature(parsed, publicKey);
        } catch (Jws.JwsException e) {
            throw new PossessionProofException(Reason.BAD_SIGNATURE, e.getMessage());
        }
        JsonNode claims;
        String audience;
        String nonce;
        Instant issuedAt;
        try {
            claims = CanonicalJson.parse(parsed.payload());
            Claims.onlyMembers(claims, "proof", CLAIMS);
            audience = Claims.text(claims, "aud");
            nonce = Claims.text(claims, "nonce");
            issuedAt = Claims.seconds(claims, "iat");
        } catch (IllegalArgumentException e) {
            throw new PossessionProofException(Reason.MALFORMED, "proof claims: " + e.getMessage());
        }
        if (!audience.equals(expectedAudience)) {
            throw new PossessionProofException(
                    Reason.WRONG_AUDIENCE,
                    "proof is for '" + Claims.printable(audience) + "' (expected '" + expectedAudience + "')");
        }
        if (!Digests.constantTimeEquals(nonce, expectedNonce)) {
            throw new PossessionProofException(Reason.NONCE_MISMATCH, "proof is not over the issued nonce");
        }
        if (issuedAt.isAfter(now.plus(CLOCK_SKEW)) || issuedAt.isBefore(now.minus(maxAge))) {
            throw new PossessionProofException(
                    Reason.EXPIRED, "proof issued at " + issuedAt + " is outside " + maxAge + " of " + now);
        }
        return new Verified(thumbprint, publicKey, issuedAt);
    }

    private static void requireNonce(String nonce) {
        Objects.requireNonNull(nonce, "nonce");
        if (nonce.length() < 16 || nonce.length() > 512) {
            throw new IllegalArgumentException("nonce: " + nonce.length() + " characters (expected: 16-512)");
        }
    }
}
