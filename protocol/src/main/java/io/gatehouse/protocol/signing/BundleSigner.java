package io.gatehouse.protocol.signing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import java.util.Objects;

/**
 * Control-plane side of the bundle envelope: wraps canonical bundle content into one compact JWS whose
 * payload is the canonical JSON claims object, with the content inline as base64url in {@code content}.
 */
public final class BundleSigner {

    private final String issuer;

    /** @param issuer the control plane id written to {@code iss} */
    public BundleSigner(String issuer) {
        this.issuer = Claims.requireId("issuer", issuer);
    }

    /** The canonical claims object of {@code request} (what gets signed). */
    public ObjectNode claims(BundleRequest request) {
        Objects.requireNonNull(request, "request");
        byte[] content = request.content();
        ObjectNode claims = CanonicalJson.object();
        claims.put(BundleEnvelope.ISS, issuer);
        claims.put(BundleEnvelope.TENANT, request.tenant());
        claims.put(BundleEnvelope.AUD, request.audience());
        claims.put(BundleEnvelope.VER, request.version());
        claims.put(BundleEnvelope.SHA256, Digests.sha256Base64Url(content));
        claims.put(BundleEnvelope.SCHEMA, request.schema());
        claims.put(BundleEnvelope.IAT, request.issuedAt().getEpochSecond());
        claims.put(BundleEnvelope.EXP, request.expiresAt().getEpochSecond());
        claims.put(BundleEnvelope.CONTENT, Base64URL.encode(content).toString());
        return claims;
    }

    /**
     * Signs {@code request} with {@code signingKey} (EC P-256 → ES256, or P-384 → ES384; must carry the
     * {@code kid} under which the tenant's trust set publishes its public part).
     */
    public String sign(BundleRequest request, ECKey signingKey) {
        return Jws.sign(signingKey, BundleEnvelope.TYPE, CanonicalJson.bytes(claims(request)));
    }
}
