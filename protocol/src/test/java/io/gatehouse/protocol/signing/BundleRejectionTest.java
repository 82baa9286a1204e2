package io.gatehouse.protocol.signing;

import static io.gatehouse.protocol.signing.BundleFixtures.KEY;
import static io.gatehouse.protocol.signing.BundleFixtures.NOW;
import static io.gatehouse.protocol.signing.BundleFixtures.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import io.gatehouse.protocol.signing.BundleRejectedException.Reason;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** One test per rejection reason; each builds a real JWS with Nimbus and changes exactly one thing. */
class BundleRejectionTest {

    private static final ECKey ATTACKER = KeyRing.generateKey();

    private final TrustSet trust = BundleFixtures.trustSet(KEY);
    private final BundleVerifier verifier = BundleFixtures.verifier();

    private static void assertRejected(ThrowingCallable call, Reason reason, String messagePart) {
        assertThatThrownBy(call)
                .isInstanceOf(BundleRejectedException.class)
                .satisfies(
                        e -> assertThat(((BundleRejectedException) e).reason()).isEqualTo(reason))
                .hasMessageStartingWith(reason.name() + ": ")
                .hasMessageContaining(messagePart);
    }

    private void assertRejected(String jws, Reason reason, String messagePart) {
        assertRejected(() -> verifier.verify(jws, trust, 0), reason, messagePart);
    }

    @Test
    void baselineVerifies() throws Exception {
        assertThat(verifier.verify(BundleFixtures.sign(BundleFixtures.claims(1), KEY), trust, 0)
                        .content())
                .isEqualTo(BundleFixtures.CONTENT);
    }

    @Test
    void malformed() {
        assertRejected("not-a-jws", Reason.MALFORMED, "3 dot-separated parts");
        assertRejected("a.b.c.d", Reason.MALFORMED, "3 dot-separated parts");
        assertRejected("%%%.e30.AA", Reason.MALFORMED, "header");
        String valid = BundleFixtures.sign(BundleFixtures.claims(1), KEY);
        assertRejected(valid.substring(0, valid.lastIndexOf('.')), Reason.MALFORMED, "3 dot-separated parts");
    }

    @Test
    void malformedWhenTheTypeIsNotTheBundleType() throws Exception {
        JWSHeader header = BundleFixtures.header(KEY).type(TrustSetUpdate.TYPE).build();
        assertRejected(
                BundleFixtures.sign(header, BundleFixtures.claims(1), new ECDSASigner(KEY)), Reason.MALFORMED, "typ");
    }

    @Test
    void malformedWhenASignedClaimIsMissingOrUnknown() {
        ObjectNode missing = BundleFixtures.claims(1);
        missing.remove("exp");
        assertRejected(BundleFixtures.sign(missing, KEY), Reason.MALFORMED, "exp: missing");
        ObjectNode extra = BundleFixtures.claims(1);
        extra.put("jku", "https://evil.example/keys");
        assertRejected(BundleFixtures.sign(extra, KEY), Reason.MALFORMED, "unknown member 'jku'");
    }

    @Test
    void malformedWhenCritHeadersAreDeclared() throws Exception {
        JWSHeader header = BundleFixtures.header(KEY)
                .criticalParams(Set.of("exp"))
                .customParam("exp", 1)
                .build();
        assertRejected(
                BundleFixtures.sign(header, BundleFixtures.claims(1), new ECDSASigner(KEY)), Reason.MALFORMED, "crit");
    }

    @Test
    void malformedWhenThePayloadIsDeclaredUnencoded() throws Exception {
        JWSHeader header =
                BundleFixtures.header(KEY).base64URLEncodePayload(false).build();
        String header64 = header.toBase64URL().toString();
        String payload64 =
                Base64URL.encode(CanonicalJson.bytes(BundleFixtures.claims(1))).toString();
        String signature = BundleFixtures.parts(BundleFixtures.sign(BundleFixtures.claims(1), KEY))
                .get(2);
        assertRejected(header64 + "." + payload64 + "." + signature, Reason.MALFORMED, "b64");
    }

    @Test
    void algorithmNoneIsNotAllowed() {
        String header = Base64URL.encode(
                        ("{\"alg\":\"none\",\"kid\":\"" + KEY.getKeyID() + "\",\"typ\":\"gatehouse-bundle+jws\"}")
                                .getBytes(StandardCharsets.UTF_8))
                .toString();
        String payload =
                Base64URL.encode(CanonicalJson.bytes(BundleFixtures.claims(1))).toString();
        assertRejected(header + "." + payload + ".", Reason.ALGORITHM_NOT_ALLOWED, "none");
    }

    @Test
    void hmacWithThePublicKeyAsSecretIsNotAllowed() throws Exception {
        // The classic key-confusion attack: HS256 keyed with bytes of the trusted public key.
        byte[] secret = KEY.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256)
                .keyID(KEY.getKeyID())
                .type(BundleEnvelope.TYPE)
                .build();
        assertRejected(
                BundleFixtures.sign(header, BundleFixtures.claims(1), new MACSigner(secret)),
                Reason.ALGORITHM_NOT_ALLOWED,
                "HS256");
    }

    @Test
    void es384IsRefusedByDefaultAndAcceptedWhenAllowed() throws Exception {
        ECKey p384 = new ECKeyGenerator(Curve.P_384).keyIDFromThumbprint(true).generate();
        TrustSet both = BundleFixtures.trustSet(KEY, p384);
        String jws = new BundleSigner(BundleFixtures.ISSUER).sign(BundleFixtures.request(1), p384);

        assertRejected(() -> verifier.verify(jws, both, 0), Reason.ALGORITHM_NOT_ALLOWED, "ES384");
        VerifiedBundle ok = verifier.withAlgorithms(Set.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384))
                .verify(jws, both, 0);
        assertThat(ok.metadata().algorithm()).isEqualTo("ES384");
    }

    @Test
    void unknownKey() {
        assertRejected(
                BundleFixtures.sign(BundleFixtures.claims(1), ATTACKER), Reason.UNKNOWN_KEY, ATTACKER.getKeyID());
    }

    @Test
    void unknownKeyWhenTheKidIsMissing() throws Exception {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(BundleEnvelope.TYPE)
                .build();
        assertRejected(
                BundleFixtures.sign(header, BundleFixtures.claims(1), new ECDSASigner(KEY)),
                Reason.UNKNOWN_KEY,
                "no kid");
    }

    @Test
    void unknownKeyWhenTheTrustedKeyIsOutsideItsValidityWindow() {
        TrustSet retired = new TrustSet(
                TENANT,
                2,
                NOW,
                List.of(new TrustedKey(KEY.toPublicJWK(), NOW.minusSeconds(7200), NOW.minusSeconds(1))));
        TrustSet future =
                new TrustSet(TENANT, 2, NOW, List.of(TrustedKey.of(KEY.toPublicJWK(), NOW.plusSeconds(3600))));
        String jws = BundleFixtures.sign(BundleFixtures.claims(1), KEY);

        assertRejected(() -> verifier.verify(jws, retired, 0), Reason.UNKNOWN_KEY, "not a currently valid key");
        assertRejected(() -> verifier.verify(jws, future, 0), Reason.UNKNOWN_KEY, "not a currently valid key");
    }

    @Test
    void badSignatureWhenAnAttackerSignsUnderATrustedKid() throws Exception {
        JWSHeader header = BundleFixtures.header(KEY).build(); // kid of the trusted key
        assertRejected(
                BundleFixtures.sign(header, BundleFixtures.claims(1), new ECDSASigner(ATTACKER)),
                Reason.BAD_SIGNATURE,
                "does not verify");
    }

    @Test
    void embeddedAndRemoteKeyHeadersAreIgnored() throws Exception {
        // The attacker embeds its own key (jwk), a key URL (jku, x5u) — none of them is ever used.
        JWSHeader header = BundleFixtures.header(KEY)
                .jwk(ATTACKER.toPublicJWK())
                .jwkURL(URI.create("https://evil.example/jwks.json"))
                .x509CertURL(URI.create("https://evil.example/cert.pem"))
                .build();
        assertRejected(
                BundleFixtures.sign(header, BundleFixtures.claims(1), new ECDSASigner(ATTACKER)),
                Reason.BAD_SIGNATURE,
                "does not verify");

        JWSHeader ownKid = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(BundleEnvelope.TYPE)
                .keyID(ATTACKER.getKeyID())
                .jwk(ATTACKER.toPublicJWK())
                .build();
        assertRejected(
                BundleFixtures.sign(ownKid, BundleFixtures.claims(1), new ECDSASigner(ATTACKER)),
                Reason.UNKNOWN_KEY,
                ATTACKER.getKeyID());
    }

    @Test
    void badSignatureWhenOnePayloadBitChanges() {
        String jws = BundleFixtures.sign(BundleFixtures.claims(1), KEY);
        assertRejected(Tamper.payloadByte(jws), Reason.BAD_SIGNATURE, "does not verify");
    }

    @Test
    void wrongTenant() {
        ObjectNode claims = BundleFixtures.claims(1);
        claims.put("tenant", "t-other");
        assertRejected(BundleFixtures.sign(claims, KEY), Reason.WRONG_TENANT, "t-other");
    }

    @Test
    void wrongAudience() {
        ObjectNode claims = BundleFixtures.claims(1);
        claims.put("aud", "group:staging");
        assertRejected(BundleFixtures.sign(claims, KEY), Reason.WRONG_AUDIENCE, "group:staging");
    }

    @Test
    void duplicateWhenTheVersionIsAlreadyApplied() {
        String jws = BundleFixtures.sign(BundleFixtures.claims(5), KEY);
        assertRejected(() -> verifier.verify(jws, trust, 5), Reason.DUPLICATE, "already applied");
    }

    @Test
    void staleWhenTheVersionIsOlderThanApplied() {
        String jws = BundleFixtures.sign(BundleFixtures.claims(5), KEY);
        assertRejected(() -> verifier.verify(jws, trust, 6), Reason.STALE, "older than applied version 6");
    }

    @Test
    void hashMismatch() {
        ObjectNode claims = BundleFixtures.claims(1);
        claims.put("sha256", Digests.sha256Base64Url("other content".getBytes(StandardCharsets.UTF_8)));
        assertRejected(BundleFixtures.sign(claims, KEY), Reason.HASH_MISMATCH, "does not match");
    }

    @Test
    void hashMismatchWhenContentIsSwappedUnderTheOriginalHash() {
        ObjectNode claims = BundleFixtures.claims(1);
        claims.put(
                "content",
                Base64URL.encode("{\"routes\":[]}".getBytes(StandardCharsets.UTF_8))
                        .toString());
        assertRejected(BundleFixtures.sign(claims, KEY), Reason.HASH_MISMATCH, "does not match");
    }

    @Test
    void expired() {
        String jws = BundleFixtures.sign(BundleFixtures.claims(1), KEY);
        BundleVerifier late = BundleFixtures.verifier(NOW.plusSeconds(7 * 24 * 3600 + 1));
        assertRejected(() -> late.verify(jws, trust, 0), Reason.EXPIRED, "expired at");
    }

    @Test
    void schemaUnsupported() {
        ObjectNode claims = BundleFixtures.claims(1);
        claims.put("schema", 2);
        assertRejected(BundleFixtures.sign(claims, KEY), Reason.SCHEMA_UNSUPPORTED, "schema 2");
    }

    @Test
    void everyReasonHasATest() {
        assertThat(Reason.values())
                .extracting(Enum::name)
                .containsExactly(
                        "MALFORMED",
                        "ALGORITHM_NOT_ALLOWED",
                        "UNKNOWN_KEY",
                        "BAD_SIGNATURE",
                        "WRONG_TENANT",
                        "WRONG_AUDIENCE",
                        "DUPLICATE",
                        "STALE",
                        "HASH_MISMATCH",
                        "EXPIRED",
                        "SCHEMA_UNSUPPORTED");
    }
}
