package io.gatehouse.protocol.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import io.gatehouse.protocol.signing.PossessionProofException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class AgentIdentityTest {

    private static final Instant NOW = Instant.parse("2026-11-24T02:00:00Z");
    private static final String NONCE = "n-3f9a1c7e5b2d4086";
    private static final String CP = "https://cp.gatehouse.example";
    private static final Duration MAX_AGE = Duration.ofMinutes(5);

    private final AgentIdentity agent = AgentIdentity.generate();

    private static void assertRejected(ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call)
                .isInstanceOf(PossessionProofException.class)
                .satisfies(
                        e -> assertThat(((PossessionProofException) e).reason()).isEqualTo(reason));
    }

    @Test
    void identityHasAThumbprintKidAndExportsOnlyThePublicKey() throws Exception {
        ECKey publicJwk = agent.publicJwk();
        assertThat(publicJwk.isPrivate()).isFalse();
        assertThat(agent.keyId())
                .isEqualTo(publicJwk.computeThumbprint().toString())
                .hasSize(43);
        assertThat(publicJwk.getKeyID()).isEqualTo(agent.keyId());
        assertThat(agent.toString())
                .contains(agent.keyId())
                .doesNotContain(agent.signingKey().getD().toString());
        assertThat(AgentIdentity.generate().keyId()).isNotEqualTo(agent.keyId());
    }

    @Test
    void identityRoundTripsThroughSealedStorage() throws Exception {
        Aead aead = new Aead(MasterKey.generate("host"));
        byte[] aad = "agent-identity".getBytes(StandardCharsets.UTF_8);
        byte[] stored = aead.sealToBytes(agent.toPrivateJwkJson().getBytes(StandardCharsets.UTF_8), aad);

        AgentIdentity loaded =
                AgentIdentity.fromPrivateJwkJson(new String(aead.openBytes(stored, aad), StandardCharsets.UTF_8));

        assertThat(loaded.keyId()).isEqualTo(agent.keyId());
        assertThat(loaded.signingKey()).isEqualTo(agent.signingKey());
        assertThatThrownBy(
                        () -> AgentIdentity.fromPrivateJwkJson(agent.publicJwk().toJSONString()))
                .hasMessageContaining("no private part");
        assertThatThrownBy(() -> AgentIdentity.fromPrivateJwkJson("{}")).hasMessageContaining("not an EC JWK");
    }

    @Test
    void proofOfPossessionVerifies() throws Exception {
        String proof = PossessionProof.create(agent, NONCE, CP, NOW);

        PossessionProof.Verified verified = PossessionProof.verify(proof, NONCE, CP, NOW.plusSeconds(30), MAX_AGE);

        assertThat(verified.keyId()).isEqualTo(agent.keyId());
        assertThat(verified.publicKey()).isEqualTo(agent.publicJwk());
        assertThat(verified.issuedAt()).isEqualTo(NOW);
    }

    @Test
    void proofOverAnotherNonceOrAudienceIsRejected() {
        String proof = PossessionProof.create(agent, NONCE, CP, NOW);
        assertRejected(() -> PossessionProof.verify(proof, NONCE + "x", CP, NOW, MAX_AGE), Reason.NONCE_MISMATCH);
        assertRejected(
                () -> PossessionProof.verify(proof, NONCE, "https://evil.example", NOW, MAX_AGE),
                Reason.WRONG_AUDIENCE);
    }

    @Test
    void oldOrFutureProofsAreRejected() {
        String proof = PossessionProof.create(agent, NONCE, CP, NOW);
        assertRejected(
                () -> PossessionProof.verify(proof, NONCE, CP, NOW.plus(MAX_AGE).plusSeconds(1), MAX_AGE),
                Reason.EXPIRED);
        assertRejected(() -> PossessionProof.verify(proof, NONCE, CP, NOW.minusSeconds(120), MAX_AGE), Reason.EXPIRED);
    }

    @Test
    void proofSignedByAnotherKeyThanTheEmbeddedOneIsRejected() throws Exception {
        AgentIdentity thief = AgentIdentity.generate();
        // Header claims the victim's key; the thief signs with its own.
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(PossessionProof.TYPE)
                .keyID(agent.keyId())
                .jwk(agent.publicJwk())
                .build();
        JWSObject jws = new JWSObject(
                header,
                new Payload(CanonicalJson.bytes(CanonicalJson.object()
                        .put("aud", CP)
                        .put("iat", NOW.getEpochSecond())
                        .put("nonce", NONCE))));
        jws.sign(new ECDSASigner(thief.signingKey()));
        assertRejected(() -> PossessionProof.verify(jws.serialize(), NONCE, CP, NOW, MAX_AGE), Reason.BAD_SIGNATURE);

        // A kid that is not the embedded key's thumbprint.
        JWSHeader mismatched =
                new JWSHeader.Builder(header).keyID(thief.keyId()).build();
        JWSObject other = new JWSObject(mismatched, jws.getPayload());
        other.sign(new ECDSASigner(agent.signingKey()));
        assertRejected(() -> PossessionProof.verify(other.serialize(), NONCE, CP, NOW, MAX_AGE), Reason.MALFORMED);

        String tampered = Tamper.payloadByte(PossessionProof.create(agent, NONCE, CP, NOW));
        assertRejected(() -> PossessionProof.verify(tampered, NONCE, CP, NOW, MAX_AGE), Reason.BAD_SIGNATURE);
    }

    @Test
    void proofWithoutEmbeddedKeyOrWithHmacIsRejected() throws Exception {
        JWSObject noJwk = new JWSObject(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .type(PossessionProof.TYPE)
                        .keyID(agent.keyId())
                        .build(),
                new Payload("{}"));
        noJwk.sign(new ECDSASigner(agent.signingKey()));
        assertRejected(() -> PossessionProof.verify(noJwk.serialize(), NONCE, CP, NOW, MAX_AGE), Reason.MALFORMED);

        JWSObject hmac = new JWSObject(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .type(PossessionProof.TYPE)
                        .keyID(agent.keyId())
                        .build(),
                new Payload("{}"));
        hmac.sign(new com.nimbusds.jose.crypto.MACSigner(new byte[32]));
        assertRejected(
                () -> PossessionProof.verify(hmac.serialize(), NONCE, CP, NOW, MAX_AGE), Reason.ALGORITHM_NOT_ALLOWED);
    }
}
