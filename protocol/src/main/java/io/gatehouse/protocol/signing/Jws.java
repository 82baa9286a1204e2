package io.gatehouse.protocol.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import java.text.ParseException;
import java.util.Base64;
import java.util.Objects;
import java.util.Set;

/**
 * The one place where Gatehouse builds and checks compact JWS objects (bundle envelopes, trust sets, audit
 * batches). Keys come from the caller only: {@code jku}, {@code x5u}, {@code jwk} and {@code x5c} headers are
 * never read; the algorithm is checked against an allowlist <em>before</em> Nimbus parses the header, so
 * {@code none} and every HMAC algorithm are refused as {@link Failure#ALGORITHM_NOT_ALLOWED}.
 */
public final class Jws {

    /** Algorithms Gatehouse can sign and verify: ECDSA on P-256 (default) and P-384. */
    public static final Set<JWSAlgorithm> SUPPORTED_ALGORITHMS = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384);

    /** The default allowlist for verification. */
    public static final Set<JWSAlgorithm> DEFAULT_ALGORITHMS = Set.of(JWSAlgorithm.ES256);

    /** Upper bound of a compact JWS we are willing to parse (bundles are far smaller). */
    public static final int MAX_COMPACT_LENGTH = 32 * 1024 * 1024;

    /** Why a JWS could not be accepted before its payload was looked at. */
    public enum Failure {
        MALFORMED,
        ALGORITHM_NOT_ALLOWED,
        UNKNOWN_KEY,
        BAD_SIGNATURE
    }

    /** A structural or signature failure, with a message that never contains key material. */
    public static final class JwsException extends Exception {
        private final Failure failure;

        JwsException(Failure failure, String message) {
            super(message);
            this.failure = failure;
        }

        public Failure failure() {
            return failure;
        }
    }

    /** A parsed, not yet verified JWS whose algorithm passed the allowlist and whose type matched. */
    public record Parsed(JWSObject object, JWSAlgorithm algorithm, String keyId) {
        /** The payload bytes (as signed). */
        public byte[] payload() {
            return object.getPayload().toBytes();
        }
    }

    private Jws() {}

    /** The signing algorithm for an EC key: ES256 for P-256, ES384 for P-384. */
    public static JWSAlgorithm algorithmFor(ECKey key) {
        Curve curve = key.getCurve();
        if (Curve.P_256.equals(curve)) {
            return JWSAlgorithm.ES256;
        }
        if (Curve.P_384.equals(curve)) {
            return JWSAlgorithm.ES384;
        }
        throw new IllegalArgumentException("curve " + curve + " is not supported (expected P-256 or P-384)");
    }

    /**
     * Signs {@code payload} with {@code privateKey} (which must carry a {@code kid}) into a compact JWS with
     * the given {@code typ}.
     */
    public static String sign(ECKey privateKey, JOSEObjectType type, byte[] payload) {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        if (!privateKey.isPrivate()) {
            throw new IllegalArgumentException("signing key " + privateKey.getKeyID() + " has no private part");
        }
        if (privateKey.getKeyID() == null || privateKey.getKeyID().isBlank()) {
            throw new IllegalArgumentException("signing key has no kid");
        }
        JWSHeader header = new JWSHeader.Builder(algorithmFor(privateKey))
                .keyID(privateKey.getKeyID())
                .type(type)
                .build();
        // the JDK's (intrinsic) encoder: nimbus's own encodes char by char, a measurable cost for a large audit batch
        JWSObject jws = new JWSObject(
                header,
                new Payload(
                        new Base64URL(Base64.getUrlEncoder().withoutPadding().encodeToString(payload))));
        try {
            jws.sign(new ECDSASigner(privateKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("ECDSA signing failed for kid " + privateKey.getKeyID(), e);
        }
        return jws.serialize();
    }

    /**
     * Parses a compact JWS: three base64url parts, a JSON header whose {@code alg} is in {@code allowed},
     * {@code typ} equal to {@code expectedType}, no {@code crit}, and a {@code kid}.
     */
    public static Parsed parse(String compact, JOSEObjectType expectedType, Set<JWSAlgorithm> allowed)
            throws JwsException {
        if (compact == null || compact.isEmpty()) {
            throw new JwsException(Failure.MALFORMED, "empty JWS");
        }
        if (compact.length() > MAX_COMPACT_LENGTH) {
            throw new JwsException(
                    Failure.MALFORMED, "JWS is " + compact.length() + " characters (limit " + MAX_COMPACT_LENGTH + ")");
        }
        String[] parts = compact.split("\\.", -1);
        if (parts.length != 3) {
            throw new JwsException(
                    Failure.MALFORMED, "compact JWS must have 3 dot-separated parts, found " + parts.length);
        }
        JsonNode rawHeader;
        try {
            rawHeader = CanonicalJson.parse(new Base64URL(parts[0]).decode());
        } catch (IllegalArgumentException e) {
            throw new JwsException(Failure.MALFORMED, "JWS header is not valid base64url JSON");
        }
        JsonNode alg = rawHeader.get("alg");
        if (alg == null || !alg.isTextual()) {
            throw new JwsException(Failure.MALFORMED, "JWS header has no alg");
        }
        JWSAlgorithm algorithm = JWSAlgorithm.parse(alg.textValue());
        if (!allowed.contains(algorithm)) {
            throw new JwsException(
                    Failure.ALGORITHM_NOT_ALLOWED,
                    "algorithm " + Claims.printable(alg.textValue()) + " is not allowed (allowed: " + allowed + ")");
        }
        if (rawHeader.has("crit")) {
            throw new JwsException(Failure.MALFORMED, "JWS header declares crit parameters; none are supported");
        }
        if (rawHeader.has("b64")) {
            throw new JwsException(Failure.MALFORMED, "JWS header has b64; unencoded payloads are not supported");
        }
        JWSObject object;
        try {
            object = JWSObject.parse(compact);
        } catch (ParseException e) {
            throw new JwsException(Failure.MALFORMED, "JWS does not parse: " + e.getMessage());
        }
        JWSHeader header = object.getHeader();
        if (!expectedType.equals(header.getType())) {
            throw new JwsException(
                    Failure.MALFORMED, "JWS typ is " + header.getType() + " (expected " + expectedType + ")");
        }
        String keyId = header.getKeyID();
        if (keyId == null || keyId.isBlank()) {
            throw new JwsException(Failure.UNKNOWN_KEY, "JWS header has no kid");
        }
        return new Parsed(object, algorithm, keyId);
    }

    /** Verifies the signature of {@code parsed} with {@code publicKey} (whose curve must match the algorithm). */
    public static void verifySignature(Parsed parsed, ECKey publicKey) throws JwsException {
        Objects.requireNonNull(publicKey, "publicKey");
        if (!parsed.algorithm().equals(algorithmFor(publicKey))) {
            throw new JwsException(
                    Failure.BAD_SIGNATURE,
                    "algorithm " + parsed.algorithm() + " does not match key " + publicKey.getKeyID() + " ("
                            + publicKey.getCurve() + ")");
        }
        boolean valid;
        try {
            valid = parsed.object().verify(new ECDSAVerifier(publicKey.toPublicJWK()));
        } catch (JOSEException | IllegalStateException e) {
            valid = false;
        }
        if (!valid) {
            throw new JwsException(
                    Failure.BAD_SIGNATURE, "signature does not verify with key " + Claims.printable(parsed.keyId()));
        }
    }
}
