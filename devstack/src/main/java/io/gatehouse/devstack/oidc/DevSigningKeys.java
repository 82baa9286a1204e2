package io.gatehouse.devstack.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The dev issuer's signing keys: one ES256 (P-256) and one RS256 (2048-bit) key per generation.
 * {@link #rotate} starts a new generation; the previous one stays published (not used for signing)
 * until the next rotation, as a real issuer does during a key roll-over.
 */
final class DevSigningKeys {

    private record Generation(ECKey ec, RSAKey rsa) {}

    private volatile Generation current;
    private volatile Generation previous;

    DevSigningKeys() {
        this.current = generate();
    }

    synchronized void rotate(boolean keepPrevious) {
        previous = keepPrevious ? current : null;
        current = generate();
    }

    /** The public JWKS document (current and, during a roll-over, previous keys). */
    JWKSet publicJwkSet() {
        List<JWK> keys = new ArrayList<>();
        Generation cur = current;
        keys.add(cur.ec().toPublicJWK());
        keys.add(cur.rsa().toPublicJWK());
        Generation prev = previous;
        if (prev != null) {
            keys.add(prev.ec().toPublicJWK());
            keys.add(prev.rsa().toPublicJWK());
        }
        return new JWKSet(keys);
    }

    /** The current public key for {@code algorithm} (ES256 or RS256). */
    JWK currentPublicKey(JWSAlgorithm algorithm) {
        return algorithm.equals(JWSAlgorithm.RS256)
                ? current.rsa().toPublicJWK()
                : current.ec().toPublicJWK();
    }

    String sign(JWSAlgorithm algorithm, JOSEObjectType type, JWTClaimsSet claims) {
        Generation gen = current;
        try {
            if (JWSAlgorithm.ES256.equals(algorithm)) {
                JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .keyID(gen.ec().getKeyID())
                        .type(type)
                        .build();
                SignedJWT jwt = new SignedJWT(header, claims);
                jwt.sign(new ECDSASigner(gen.ec()));
                return jwt.serialize();
            }
            if (JWSAlgorithm.RS256.equals(algorithm)) {
                JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(gen.rsa().getKeyID())
                        .type(type)
                        .build();
                SignedJWT jwt = new SignedJWT(header, claims);
                jwt.sign(new RSASSASigner(gen.rsa()));
                return jwt.serialize();
            }
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
        throw new IllegalArgumentException("algorithm: " + algorithm + " (expected: ES256 or RS256)");
    }

    /** The claims of a JWT this issuer signed with a published key, or null when it did not. */
    JWTClaimsSet verifiedClaims(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            String kid = jwt.getHeader().getKeyID();
            JWK key = kid == null ? null : publicJwkSet().getKeyByKeyId(kid);
            if (key == null) {
                return null;
            }
            boolean valid = switch (key) {
                case ECKey ec
                when JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm()) -> jwt.verify(new ECDSAVerifier(ec));
                case RSAKey rsa
                when JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm()) -> jwt.verify(new RSASSAVerifier(rsa));
                default -> false;
            };
            return valid ? jwt.getJWTClaimsSet() : null;
        } catch (ParseException | JOSEException e) {
            return null;
        }
    }

    private static Generation generate() {
        try {
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            ECKey ec = new ECKeyGenerator(Curve.P_256)
                    .keyID("dev-es256-" + suffix)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .generate();
            RSAKey rsa = new RSAKeyGenerator(2048)
                    .keyID("dev-rs256-" + suffix)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
            return new Generation(ec, rsa);
        } catch (JOSEException e) {
            throw new IllegalStateException("key generation failed", e);
        }
    }
}
