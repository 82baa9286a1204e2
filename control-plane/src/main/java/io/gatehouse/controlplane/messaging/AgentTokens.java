package io.gatehouse.controlplane.messaging;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.Objects;

/**
 * Mints Pulsar token-authentication JWTs for agents: HS256 with the broker's secret key, {@code sub} = the tenant's
 * agent role, {@code exp} = now + TTL. The key is never logged or shown.
 */
public final class AgentTokens {
    private final byte[] secretKey;
    private final Duration ttl;
    private final Clock clock;

    public AgentTokens(String secretKeyBase64, Duration ttl, Clock clock) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secretKeyBase64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pulsar.tokenSecretKey: not valid base64");
        }
        if (key.length < 32) {
            throw new IllegalArgumentException(
                    "pulsar.tokenSecretKey: " + key.length + " bytes (expected: >= 32 for HS256)");
        }
        this.secretKey = key;
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public String mint(String role) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(Objects.requireNonNull(role, "role"))
                .expirationTime(Date.from(clock.instant().plus(ttl)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(secretKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a Pulsar token", e);
        }
        return jwt.serialize();
    }

    @Override
    public String toString() {
        return "AgentTokens[ttl=" + ttl + "]";
    }
}
