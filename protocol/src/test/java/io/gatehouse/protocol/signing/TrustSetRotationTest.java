package io.gatehouse.protocol.signing;

import static io.gatehouse.protocol.signing.BundleFixtures.AUDIENCE;
import static io.gatehouse.protocol.signing.BundleFixtures.CONTENT;
import static io.gatehouse.protocol.signing.BundleFixtures.ISSUER;
import static io.gatehouse.protocol.signing.BundleFixtures.NOW;
import static io.gatehouse.protocol.signing.BundleFixtures.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.ECKey;
import io.gatehouse.protocol.signing.TrustSetRejectedException.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class TrustSetRotationTest {

    private static final Duration WINDOW = Duration.ofHours(1);

    private final BundleSigner signer = new BundleSigner(ISSUER);

    /** An agent: a pinned trust set, the applied bundle version, and its verifier at a given time. */
    private static final class Agent {
        TrustSet trust;
        long applied;

        Agent(TrustSet pinned) {
            this.trust = pinned;
        }

        void follow(SignedTrustSet published, Instant now) throws TrustSetRejectedException {
            trust = TrustSetUpdate.verify(trust, published.compact(), now);
        }

        void apply(String bundle, Instant now) throws BundleRejectedException {
            VerifiedBundle verified = new BundleVerifier(TENANT, AUDIENCE, Set.of(1), Clock.fixed(now, ZoneOffset.UTC))
                    .verify(bundle, trust, applied);
            assertThat(verified.content()).isEqualTo(CONTENT);
            applied = verified.metadata().version();
        }
    }

    private String bundle(KeyRing ring, long version, Instant now) {
        return ring.signBundle(
                signer, new BundleRequest(CONTENT, TENANT, AUDIENCE, version, 1, now, now.plus(Duration.ofDays(7))));
    }

    private static void assertRejected(ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call)
                .isInstanceOf(TrustSetRejectedException.class)
                .satisfies(e ->
                        assertThat(((TrustSetRejectedException) e).reason()).isEqualTo(reason))
                .hasMessageStartingWith(reason.name() + ": ");
    }

    @Test
    void everyBundleVerifiesBeforeDuringAndAfterARotation() throws Exception {
        Instant t = NOW;
        KeyRing ring = KeyRing.create(TENANT, KeyRing.generateKey(), t, WINDOW);
        String oldKid = ring.activeKeyId();
        ECKey oldKey = ring.activeKey();
        Agent prompt = new Agent(TrustSetUpdate.verifyPinned(ring.trustSet().compact(), TENANT, t));
        Agent laggard = new Agent(TrustSetUpdate.verifyPinned(ring.trustSet().compact(), TENANT, t));
        List<SignedTrustSet> history = new ArrayList<>(List.of(ring.trustSet()));

        // Before: v1, old key signs.
        prompt.apply(bundle(ring, 1, t), t);
        laggard.apply(bundle(ring, 1, t), t);

        // Publish the next key ahead of use (trust set v2, signed by the old key).
        t = t.plus(Duration.ofMinutes(5));
        ECKey next = KeyRing.generateKey();
        ring = ring.publishNext(next, t);
        history.add(ring.trustSet());
        assertThat(ring.trustSet().version()).isEqualTo(2);
        assertThat(ring.activeKeyId()).isEqualTo(oldKid);
        prompt.follow(ring.trustSet(), t);
        // During the overlap the old key still signs; both agents (updated or not) accept.
        prompt.apply(bundle(ring, 2, t), t);
        laggard.apply(bundle(ring, 2, t), t);

        // Activating before the propagation window has passed is refused.
        KeyRing early = ring;
        Instant tooSoon = t.plus(Duration.ofMinutes(10));
        assertThatThrownBy(() -> early.activate(next.getKeyID(), tooSoon))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("propagation window");

        // After the window the new key signs; the laggard catches up on the published history first.
        t = t.plus(WINDOW);
        ring = ring.activate(next.getKeyID(), t);
        laggard.trust = TrustSetUpdate.verifyChain(laggard.trust, compacts(history.subList(1, history.size())), t);
        prompt.apply(bundle(ring, 3, t), t);
        laggard.apply(bundle(ring, 3, t), t);

        // Retire the old key: trust set v3, signed by the new key, verified with v2.
        t = t.plus(Duration.ofDays(8));
        ring = ring.retire(oldKid, t);
        history.add(ring.trustSet());
        prompt.follow(ring.trustSet(), t);
        laggard.follow(ring.trustSet(), t);
        assertThat(prompt.trust.find(oldKid)).isEmpty();
        prompt.apply(bundle(ring, 4, t), t);
        laggard.apply(bundle(ring, 4, t), t);
        assertThat(prompt.applied).isEqualTo(4);
        assertThat(laggard.applied).isEqualTo(4);
        // Every published version is self-consistent, so an agent can re-pin its stored copy at boot.
        for (SignedTrustSet published : history) {
            assertThat(TrustSetUpdate.verifyPinned(published.compact(), TENANT, t))
                    .isEqualTo(published.trustSet());
        }
        assertThat(ring.trustSet().trustSet().toJwkSet().getKeys())
                .singleElement()
                .satisfies(k -> assertThat(k.isPrivate()).isFalse());
        assertThat(ring.privateKeys()).extracting(ECKey::getKeyID).containsExactly(next.getKeyID());

        // A bundle still signed by the retired key is now refused.
        String stray = signer.sign(new BundleRequest(CONTENT, TENANT, AUDIENCE, 5, 1, t, t.plusSeconds(60)), oldKey);
        Instant at = t;
        assertThatThrownBy(() -> prompt.apply(stray, at))
                .isInstanceOf(BundleRejectedException.class)
                .extracting(e -> ((BundleRejectedException) e).reason())
                .isEqualTo(BundleRejectedException.Reason.UNKNOWN_KEY);
    }

    @Test
    void aTrustSetSignedByAnAttackerIsRejected() throws Exception {
        KeyRing ring = KeyRing.create(TENANT, KeyRing.generateKey(), NOW, WINDOW);
        TrustSet pinned = ring.trustSet().trustSet();
        ECKey attacker = KeyRing.generateKey();
        TrustSet evil = pinned.next(NOW, List.of(TrustedKey.of(attacker.toPublicJWK(), NOW)));

        assertRejected(
                () -> TrustSetUpdate.verify(
                        pinned, TrustSetUpdate.sign(evil, attacker).compact(), NOW),
                Reason.UNKNOWN_KEY);

        // Same, but claiming the trusted kid: the signature does not verify.
        ECKey impostor = new ECKey.Builder(attacker).keyID(ring.activeKeyId()).build();
        String forged = Jws.sign(impostor, TrustSetUpdate.TYPE, CanonicalJson.bytes(evil.toJson()));
        assertRejected(() -> TrustSetUpdate.verify(pinned, forged, NOW), Reason.BAD_SIGNATURE);

        // And one bit flipped in a genuine next version.
        KeyRing rotated = ring.publishNext(attacker, NOW);
        assertRejected(
                () -> TrustSetUpdate.verify(
                        pinned, Tamper.payloadByte(rotated.trustSet().compact()), NOW),
                Reason.BAD_SIGNATURE);
    }

    @Test
    void versionsMustAdvanceByExactlyOne() throws Exception {
        ECKey key = KeyRing.generateKey();
        KeyRing ring = KeyRing.create(TENANT, key, NOW, WINDOW);
        KeyRing v2 = ring.publishNext(KeyRing.generateKey(), NOW);
        KeyRing v3 = v2.publishNext(KeyRing.generateKey(), NOW);
        TrustSet pinned = ring.trustSet().trustSet();

        assertRejected(() -> TrustSetUpdate.verify(pinned, v3.trustSet().compact(), NOW), Reason.VERSION_GAP);
        assertRejected(() -> TrustSetUpdate.verify(pinned, ring.trustSet().compact(), NOW), Reason.DUPLICATE);
        TrustSet atV3 = TrustSetUpdate.verifyChain(
                pinned, List.of(v2.trustSet().compact(), v3.trustSet().compact()), NOW);
        assertThat(atV3.version()).isEqualTo(3);
        assertRejected(() -> TrustSetUpdate.verify(atV3, v2.trustSet().compact(), NOW), Reason.STALE);
    }

    @Test
    void aTrustSetForAnotherTenantIsRejected() {
        ECKey key = KeyRing.generateKey();
        KeyRing ring = KeyRing.create(TENANT, key, NOW, WINDOW);
        TrustSet other =
                new TrustSet("t-other", 2, NOW, ring.trustSet().trustSet().keys());
        assertRejected(
                () -> TrustSetUpdate.verify(
                        ring.trustSet().trustSet(),
                        TrustSetUpdate.sign(other, key).compact(),
                        NOW),
                Reason.WRONG_TENANT);
        assertRejected(
                () -> TrustSetUpdate.verifyPinned(ring.trustSet().compact(), "t-other", NOW), Reason.WRONG_TENANT);
    }

    @Test
    void malformedAndWrongAlgorithmTrustSetsAreRejected() throws Exception {
        KeyRing ring = KeyRing.create(TENANT, KeyRing.generateKey(), NOW, WINDOW);
        TrustSet pinned = ring.trustSet().trustSet();
        assertRejected(() -> TrustSetUpdate.verify(pinned, "x.y", NOW), Reason.MALFORMED);
        String bundleTyped = Jws.sign(ring.activeKey(), BundleEnvelope.TYPE, CanonicalJson.bytes(pinned.toJson()));
        assertRejected(() -> TrustSetUpdate.verify(pinned, bundleTyped, NOW), Reason.MALFORMED);
        var payload = pinned.next(NOW, pinned.keys()).toJson();
        payload.put("extra", true);
        String extra = Jws.sign(ring.activeKey(), TrustSetUpdate.TYPE, CanonicalJson.bytes(payload));
        assertRejected(() -> TrustSetUpdate.verify(pinned, extra, NOW), Reason.MALFORMED);
        String hmac = BundleFixtures.sign(
                new com.nimbusds.jose.JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.HS256)
                        .keyID(ring.activeKeyId())
                        .type(TrustSetUpdate.TYPE)
                        .build(),
                pinned.next(NOW, pinned.keys()).toJson(),
                new com.nimbusds.jose.crypto.MACSigner(new byte[32]));
        assertRejected(() -> TrustSetUpdate.verify(pinned, hmac, NOW), Reason.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void trustSetJsonMatchesTheGoldenFileAndRoundTrips() {
        ECKey key = Golden.key("signing/test-signing-key.jwk.json");
        TrustSet set = new TrustSet(
                TENANT,
                3,
                NOW,
                List.of(new TrustedKey(key.toPublicJWK(), NOW.minusSeconds(86_400), NOW.plusSeconds(86_400))));
        Golden.assertMatches("signing/trust-set.json", CanonicalJson.string(set.toJson()));
        assertThat(TrustSet.fromJson(CanonicalJson.parse(
                        Golden.read("signing/trust-set.json").getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .isEqualTo(set);
    }

    @Test
    void trustSetsAndKeyRingsValidateTheirInput() {
        ECKey key = KeyRing.generateKey();
        assertThatThrownBy(() -> new TrustSet(TENANT, 1, NOW, List.of())).hasMessageContaining("at least one key");
        assertThatThrownBy(() -> new TrustSet(
                        TENANT,
                        1,
                        NOW,
                        List.of(TrustedKey.of(key.toPublicJWK(), NOW), TrustedKey.of(key.toPublicJWK(), NOW))))
                .hasMessageContaining("duplicate kid");
        ECKey wrongKid = new ECKey.Builder(key.toPublicJWK()).keyID("k1").build();
        assertThatThrownBy(() -> TrustedKey.of(wrongKid, NOW)).hasMessageContaining("thumbprint");
        assertThat(TrustedKey.of(key, NOW).publicKey().isPrivate()).isFalse();

        KeyRing ring = KeyRing.create(TENANT, key, NOW, WINDOW);
        assertThatThrownBy(() -> ring.retire(key.getKeyID(), NOW)).hasMessageContaining("active signing key");
        assertThatThrownBy(() -> ring.publishNext(key, NOW)).hasMessageContaining("already published");
        assertThatThrownBy(() -> ring.publishNext(key.toPublicJWK(), NOW)).hasMessageContaining("no private part");
        assertThat(ring.toString()).doesNotContain(key.getD().toString());
    }

    @Test
    void keyRingRestoresFromStorage() throws Exception {
        KeyRing ring =
                KeyRing.create(TENANT, KeyRing.generateKey(), NOW, WINDOW).publishNext(KeyRing.generateKey(), NOW);
        KeyRing restored = KeyRing.restore(ring.trustSet(), ring.privateKeys(), ring.activeKeyId(), WINDOW);
        assertThat(restored.trustSet()).isEqualTo(ring.trustSet());
        assertThat(restored.activeKey()).isEqualTo(ring.activeKey());
        assertThatThrownBy(() -> KeyRing.restore(ring.trustSet(), List.of(KeyRing.generateKey()), "x", WINDOW))
                .hasMessageContaining("is not in trust set version 2");
    }

    private static List<String> compacts(List<SignedTrustSet> sets) {
        return sets.stream().map(SignedTrustSet::compact).toList();
    }
}
