package io.gatehouse.protocol.signing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/** Shared inputs for envelope tests: a fixed key, a fixed time, and a Nimbus-level JWS builder. */
final class BundleFixtures {

    static final Instant NOW = Instant.parse("2026-11-24T02:00:00Z");
    static final String TENANT = "t-acme";
    static final String AUDIENCE = "group:prod";
    static final String ISSUER = "cp-eu-1";
    static final byte[] CONTENT =
            "{\"routes\":[{\"server\":\"files\",\"upstream\":\"http://files:3000\"}],\"version\":7}"
                    .getBytes(StandardCharsets.UTF_8);

    static final ECKey KEY = Golden.key("signing/test-signing-key.jwk.json");

    private BundleFixtures() {}

    static BundleRequest request(long version) {
        return new BundleRequest(CONTENT, TENANT, AUDIENCE, version, 1, NOW, NOW.plusSeconds(7 * 24 * 3600));
    }

    static TrustSet trustSet(ECKey... keys) {
        return new TrustSet(
                TENANT,
                1,
                NOW,
                java.util.Arrays.stream(keys)
                        .map(k -> TrustedKey.of(k.toPublicJWK(), NOW.minusSeconds(3600)))
                        .toList());
    }

    static BundleVerifier verifier(Instant now) {
        return new BundleVerifier(TENANT, AUDIENCE, Set.of(1), Clock.fixed(now, ZoneOffset.UTC));
    }

    static BundleVerifier verifier() {
        return verifier(NOW.plusSeconds(60));
    }

    /** The claims {@link BundleSigner} would sign for {@code version}, for tampering. */
    static ObjectNode claims(long version) {
        return new BundleSigner(ISSUER).claims(request(version));
    }

    static JWSHeader.Builder header(ECKey key) {
        return new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(BundleEnvelope.TYPE);
    }

    /** Signs arbitrary claims under an arbitrary header with Nimbus directly. */
    static String sign(JWSHeader header, ObjectNode claims, JWSSigner signer) {
        JWSObject jws = new JWSObject(header, new Payload(CanonicalJson.bytes(claims)));
        try {
            jws.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jws.serialize();
    }

    static String sign(ObjectNode claims, ECKey key) {
        try {
            return sign(header(key).build(), claims, new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> parts(String compact) {
        return List.of(compact.split("\\.", -1));
    }
}
