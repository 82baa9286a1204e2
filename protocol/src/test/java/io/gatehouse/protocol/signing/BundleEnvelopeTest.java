package io.gatehouse.protocol.signing;

import static io.gatehouse.protocol.signing.BundleFixtures.AUDIENCE;
import static io.gatehouse.protocol.signing.BundleFixtures.CONTENT;
import static io.gatehouse.protocol.signing.BundleFixtures.ISSUER;
import static io.gatehouse.protocol.signing.BundleFixtures.KEY;
import static io.gatehouse.protocol.signing.BundleFixtures.NOW;
import static io.gatehouse.protocol.signing.BundleFixtures.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSObject;
import io.gatehouse.protocol.signing.BundleRejectedException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BundleEnvelopeTest {

    private final BundleSigner signer = new BundleSigner(ISSUER);
    private final TrustSet trust = BundleFixtures.trustSet(KEY);

    @Test
    void signedBundleVerifiesAndReturnsContentAndMetadata() throws Exception {
        String jws = signer.sign(BundleFixtures.request(7), KEY);

        VerifiedBundle verified = BundleFixtures.verifier().verify(jws, trust, 6);

        assertThat(verified.content()).isEqualTo(CONTENT);
        assertThat(verified.expired()).isFalse();
        BundleMetadata meta = verified.metadata();
        assertThat(meta.keyId()).isEqualTo(KEY.getKeyID());
        assertThat(meta.algorithm()).isEqualTo("ES256");
        assertThat(meta.issuer()).isEqualTo(ISSUER);
        assertThat(meta.tenant()).isEqualTo(TENANT);
        assertThat(meta.audience()).isEqualTo(AUDIENCE);
        assertThat(meta.version()).isEqualTo(7);
        assertThat(meta.schema()).isEqualTo(1);
        assertThat(meta.sha256()).isEqualTo(Digests.sha256Base64Url(CONTENT));
        assertThat(meta.issuedAt()).isEqualTo(NOW);
        assertThat(meta.expiresAt()).isEqualTo(NOW.plusSeconds(7 * 24 * 3600));
    }

    @Test
    void envelopeHeaderAndClaimsMatchTheGoldenFiles() {
        String jws = signer.sign(BundleFixtures.request(7), KEY);
        JsonNode header = CanonicalJson.parse(
                new com.nimbusds.jose.util.Base64URL(BundleFixtures.parts(jws).get(0)).decode());

        Golden.assertMatches("signing/bundle-header.json", CanonicalJson.string(header));
        Golden.assertMatches(
                "signing/bundle-claims.json",
                new String(
                        new com.nimbusds.jose.util.Base64URL(
                                        BundleFixtures.parts(jws).get(1))
                                .decode(),
                        StandardCharsets.UTF_8));
    }

    @Test
    void goldenEnvelopeSignedEarlierStillVerifies() throws Exception {
        if (Boolean.getBoolean("gatehouse.golden.update")) {
            Golden.assertMatches("signing/bundle-envelope.jws", signer.sign(BundleFixtures.request(7), KEY));
        }
        VerifiedBundle verified =
                BundleFixtures.verifier().verify(Golden.read("signing/bundle-envelope.jws"), trust, 0);
        assertThat(verified.content()).isEqualTo(CONTENT);
        assertThat(verified.metadata().version()).isEqualTo(7);
    }

    @Test
    void checksRunInTheDocumentedOrder() {
        // Wrong tenant AND expired AND stale: the tenant check comes first.
        var claims = BundleFixtures.claims(3);
        claims.put("tenant", "t-other");
        String jws = BundleFixtures.sign(claims, KEY);
        assertThatThrownBy(() ->
                        BundleFixtures.verifier(NOW.plusSeconds(30 * 24 * 3600)).verify(jws, trust, 9))
                .isInstanceOf(BundleRejectedException.class)
                .extracting(e -> ((BundleRejectedException) e).reason())
                .isEqualTo(Reason.WRONG_TENANT);

        // Stale AND hash mismatch: version comes before hash.
        var stale = BundleFixtures.claims(3);
        stale.put("sha256", Digests.sha256Base64Url(new byte[] {1}));
        String staleJws = BundleFixtures.sign(stale, KEY);
        assertThatThrownBy(() -> BundleFixtures.verifier().verify(staleJws, trust, 9))
                .extracting(e -> ((BundleRejectedException) e).reason())
                .isEqualTo(Reason.STALE);
    }

    @Test
    void lastKnownGoodIsReturnedEvenWhenExpiredButStillFullyAuthenticated() throws Exception {
        String jws = signer.sign(BundleFixtures.request(7), KEY);
        BundleVerifier later = BundleFixtures.verifier(NOW.plusSeconds(30 * 24 * 3600));

        assertThatThrownBy(() -> later.verify(jws, trust, 0))
                .extracting(e -> ((BundleRejectedException) e).reason())
                .isEqualTo(Reason.EXPIRED);
        VerifiedBundle cached = later.verifyLastKnownGood(jws, trust);
        assertThat(cached.expired()).isTrue();
        assertThat(cached.content()).isEqualTo(CONTENT);

        String tampered = Tamper.payloadByte(jws);
        assertThatThrownBy(() -> later.verifyLastKnownGood(tampered, trust))
                .extracting(e -> ((BundleRejectedException) e).reason())
                .isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void randomContentsRoundTrip() throws Exception {
        Random random = new Random(20261124);
        for (int i = 0; i < 60; i++) {
            byte[] content = new byte[random.nextInt(i % 10 == 0 ? 16 * 1024 : 2048)];
            random.nextBytes(content);
            long version = 1 + (random.nextLong() & 0xffff_ffffL);
            String audience = "group:" + Integer.toHexString(random.nextInt());
            BundleRequest request = new BundleRequest(
                    content, TENANT, audience, version, 1, NOW, NOW.plusSeconds(1 + random.nextInt(1_000_000)));
            String jws = signer.sign(request, KEY);

            VerifiedBundle verified = new BundleVerifier(
                            TENANT, audience, java.util.Set.of(1), java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC))
                    .verify(jws, trust, version - 1);

            assertThat(verified.content()).isEqualTo(content);
            assertThat(verified.metadata().version()).isEqualTo(version);
            assertThat(JWSObject.parse(jws).getHeader().getKeyID()).isEqualTo(KEY.getKeyID());
        }
    }

    @Test
    void requestValidationNamesTheBadField() {
        assertThatThrownBy(() -> new BundleRequest(CONTENT, TENANT, AUDIENCE, 0, 1, NOW, NOW.plusSeconds(5)))
                .hasMessageContaining("version: 0");
        assertThatThrownBy(() -> new BundleRequest(CONTENT, TENANT, AUDIENCE, 1, 1, NOW, NOW))
                .hasMessageContaining("expiresAt");
        assertThatThrownBy(() -> new BundleRequest(CONTENT, "bad tenant", AUDIENCE, 1, 1, NOW, NOW.plusSeconds(5)))
                .hasMessageContaining("tenant");
        assertThatThrownBy(() -> new BundleRequest(CONTENT, TENANT, AUDIENCE, 1, 0, NOW, NOW.plusSeconds(5)))
                .hasMessageContaining("schema: 0");
        assertThat(BundleFixtures.request(1).toString()).doesNotContain("routes");
    }

    @Test
    void trustSetOfAnotherTenantIsAProgrammingError() {
        TrustSet other = new TrustSet("t-other", 1, NOW, trust.keys());
        String jws = signer.sign(BundleFixtures.request(1), KEY);
        assertThatThrownBy(() -> BundleFixtures.verifier().verify(jws, other, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
