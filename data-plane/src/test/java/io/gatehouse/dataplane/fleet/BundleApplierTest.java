package io.gatehouse.dataplane.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.dataplane.bundle.BundleStore;
import io.gatehouse.dataplane.metrics.ProxyMetrics;
import io.gatehouse.protocol.bundle.Bundle;
import io.gatehouse.protocol.signing.KeyRing;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verification order, the apply path and the sealed last-known-good, on a real enrolled state directory. */
class BundleApplierTest {

    static final URI UPSTREAM = URI.create("http://127.0.0.1:1/mcp");

    @TempDir
    Path tmp;

    KeyRing ring;
    FakeControlPlane cp;
    Path dir;
    EnrolledState state;

    @BeforeEach
    void enroll() throws Exception {
        ring = FleetFixtures.ring("acme");
        cp = new FakeControlPlane(
                "acme", "prod", () -> ring, List.of(ring.trustSet().compact()), "pulsar://127.0.0.1:6650", "tok");
        dir = tmp.resolve("agent");
        state = new Enrollment(Clock.systemUTC()).enroll(dir, cp.url(), cp.issueToken(), null, "1");
    }

    @AfterEach
    void stop() {
        cp.close();
    }

    Bundle bundle(long version) {
        return FleetFixtures.bundle("acme", "prod", version, UPSTREAM, List.of("echo"));
    }

    BundleApplier applier(BundleStore store, Clock clock) {
        return new BundleApplier(state, store, new FleetMetrics(new ProxyMetrics()), clock);
    }

    @Test
    void appliesNewerIgnoresEqualAndRefusesOlderVersions() throws Exception {
        BundleStore store = FleetFixtures.store(dir, Clock.systemUTC());
        BundleApplier applier = applier(store, Clock.systemUTC());

        assertThat(applier.offer(FleetFixtures.sign(ring, bundle(3)))).isEqualTo(new BundleApplier.Result.Applied(3));
        assertThat(store.current().metadata().version()).isEqualTo(3);
        assertThat(store.current().routes()).containsKey("tools");
        assertThat(applier.offer(FleetFixtures.sign(ring, bundle(3)))).isEqualTo(new BundleApplier.Result.Unchanged(3));

        BundleApplier.Result stale = applier.offer(FleetFixtures.sign(ring, bundle(2)));
        assertThat(stale).isInstanceOfSatisfying(BundleApplier.Result.Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo("STALE");
            assertThat(r.version()).isEqualTo(2);
        });
        assertThat(store.current().metadata().version()).isEqualTo(3);
        assertThat(Files.exists(dir.resolve(StateDir.LAST_KNOWN_GOOD))).isTrue();
    }

    @Test
    void checksRunInTheDesignOrderAndTheFirstFailureWins() throws Exception {
        BundleStore store = FleetFixtures.store(dir, Clock.systemUTC());
        BundleApplier applier = applier(store, Clock.systemUTC());
        applier.offer(FleetFixtures.sign(ring, bundle(5)));
        Instant now = Instant.now();
        Instant longAgo = now.minus(10, ChronoUnit.DAYS);

        // stale and expired: version is checked before expiry
        String staleAndExpired =
                FleetFixtures.sign(ring.activeKey(), bundle(4), "acme", longAgo, longAgo.plusSeconds(60));
        assertThat(reason(applier.offer(staleAndExpired))).isEqualTo("STALE");
        // expired alone
        String expired = FleetFixtures.sign(ring.activeKey(), bundle(6), "acme", longAgo, longAgo.plusSeconds(60));
        assertThat(reason(applier.offer(expired))).isEqualTo("EXPIRED");
        // wrong tenant claim (and stale, and expired): tenant comes first
        String foreign = FleetFixtures.sign(ring.activeKey(), bundle(4), "globex", longAgo, longAgo.plusSeconds(60));
        assertThat(reason(applier.offer(foreign))).isEqualTo("WRONG_TENANT");
        // a key outside the pinned trust set (and a foreign tenant): the key comes first
        KeyRing other = FleetFixtures.ring("globex");
        String unknownKey =
                FleetFixtures.sign(other.activeKey(), bundle(7), "globex", now, now.plus(1, ChronoUnit.DAYS));
        assertThat(reason(applier.offer(unknownKey))).isEqualTo("UNKNOWN_KEY");
        // tampered claims: the signature no longer matches
        String good = FleetFixtures.sign(ring, bundle(8));
        String[] parts = good.split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
        assertThat(reason(applier.offer(tampered))).isEqualTo("BAD_SIGNATURE");
        assertThat(reason(applier.offer("not a jws"))).isEqualTo("MALFORMED");
        // signed content whose own metadata disagrees with the claims
        Bundle lying = FleetFixtures.bundle("acme", "prod", 9, UPSTREAM, List.of());
        String mismatched = FleetFixtures.SIGNER.sign(
                new io.gatehouse.protocol.signing.BundleRequest(
                        io.gatehouse.protocol.bundle.BundleCodec.canonicalJson(lying),
                        "acme",
                        "prod",
                        10,
                        1,
                        now,
                        now.plus(1, ChronoUnit.DAYS)),
                ring.activeKey());
        assertThat(reason(applier.offer(mismatched))).isEqualTo("MALFORMED");

        assertThat(store.current().metadata().version()).isEqualTo(5);
    }

    @Test
    void theLastKnownGoodIsEnforcedAtBootEvenWhenExpired() throws Exception {
        Instant signedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        BundleApplier first = applier(FleetFixtures.store(dir, Clock.systemUTC()), Clock.systemUTC());
        assertThat(first.offer(FleetFixtures.sign(
                        ring.activeKey(), bundle(4), "acme", signedAt, signedAt.plus(1, ChronoUnit.HOURS))))
                .isEqualTo(new BundleApplier.Result.Applied(4));

        Clock later = Clock.fixed(signedAt.plus(2, ChronoUnit.HOURS), ZoneOffset.UTC);
        BundleStore rebooted = FleetFixtures.store(dir, later);
        BundleApplier second = new BundleApplier(
                EnrolledState.load(dir, Instant.now()), rebooted, new FleetMetrics(new ProxyMetrics()), later);

        assertThat(second.loadLastKnownGood()).contains(4L);
        assertThat(rebooted.current().metadata().version()).isEqualTo(4);
    }

    @Test
    void aTamperedLastKnownGoodIsRefused() throws Exception {
        applier(FleetFixtures.store(dir, Clock.systemUTC()), Clock.systemUTC())
                .offer(FleetFixtures.sign(ring, bundle(2)));
        Path lkg = dir.resolve(StateDir.LAST_KNOWN_GOOD);
        byte[] sealed = Files.readAllBytes(lkg);
        sealed[sealed.length / 2] ^= 0x40;
        Files.write(lkg, sealed);

        BundleStore rebooted = FleetFixtures.store(dir, Clock.systemUTC());
        FleetMetrics metrics = new FleetMetrics(new ProxyMetrics());
        BundleApplier applier =
                new BundleApplier(EnrolledState.load(dir, Instant.now()), rebooted, metrics, Clock.systemUTC());

        assertThat(applier.loadLastKnownGood()).isEmpty();
        assertThat(rebooted.current()).isNull();
        assertThat(metrics.rejectCount("LKG_UNREADABLE")).isEqualTo(1);
    }

    @Test
    void aLastKnownGoodSignedByAnUntrustedKeyIsRefused() throws Exception {
        // a bundle signed by a foreign key, sealed correctly: only the signature check can catch it
        KeyRing other = FleetFixtures.ring("acme");
        state.storeLastKnownGood(FleetFixtures.sign(other, bundle(2)));

        BundleStore rebooted = FleetFixtures.store(dir, Clock.systemUTC());
        FleetMetrics metrics = new FleetMetrics(new ProxyMetrics());
        BundleApplier applier =
                new BundleApplier(EnrolledState.load(dir, Instant.now()), rebooted, metrics, Clock.systemUTC());

        assertThat(applier.loadLastKnownGood()).isEmpty();
        assertThat(rebooted.current()).isNull();
        assertThat(metrics.rejectCount("UNKNOWN_KEY")).isEqualTo(1);
    }

    @Test
    void theTrustSetAdvancesOnlyAlongASignedChainAndIsPersisted() throws Exception {
        FleetMetrics metrics = new FleetMetrics(new ProxyMetrics());
        TrustSetUpdater updater = new TrustSetUpdater(state, metrics, Clock.systemUTC());
        KeyRing v2 = ring.publishNext(KeyRing.generateKey(), Instant.now());
        KeyRing v3 = v2.activate(v2.trustSet().trustSet().keys().get(1).keyId(), Instant.now())
                .retire(ring.activeKeyId(), Instant.now());
        List<String> chain = List.of(
                ring.trustSet().compact(),
                v2.trustSet().compact(),
                v3.trustSet().compact());

        // a forged next version (signed by a key the agent does not trust) is refused
        KeyRing forger = FleetFixtures.ring("acme").publishNext(KeyRing.generateKey(), Instant.now());
        TrustSetUpdater.Result forged = updater.offer(
                json(List.of(ring.trustSet().compact(), forger.trustSet().compact())));
        assertThat(forged)
                .isEqualTo(new TrustSetUpdater.Result.Rejected(
                        "TRUST_SET_UNKNOWN_KEY", ((TrustSetUpdater.Result.Rejected) forged).detail()));

        assertThat(updater.offer(json(chain))).isEqualTo(new TrustSetUpdater.Result.Advanced(1, 3));
        assertThat(updater.offer(json(chain))).isEqualTo(new TrustSetUpdater.Result.Unchanged(3));
        assertThat(updater.offer("{]".getBytes())).isInstanceOf(TrustSetUpdater.Result.Rejected.class);
        assertThat(EnrolledState.load(dir, Instant.now()).trustSet().trustSet().version())
                .isEqualTo(3);

        // bundles signed by the retired key are now refused, by the new one accepted
        BundleApplier applier = applier(FleetFixtures.store(dir, Clock.systemUTC()), Clock.systemUTC());
        assertThat(reason(applier.offer(FleetFixtures.sign(ring, bundle(1))))).isEqualTo("UNKNOWN_KEY");
        assertThat(applier.offer(FleetFixtures.sign(v3, bundle(1)))).isEqualTo(new BundleApplier.Result.Applied(1));
    }

    private static byte[] json(List<String> chain) throws Exception {
        return FleetJson.MAPPER.writeValueAsBytes(new io.gatehouse.protocol.fleet.TrustSetChain(chain));
    }

    private static String reason(BundleApplier.Result result) {
        assertThat(result).isInstanceOf(BundleApplier.Result.Rejected.class);
        return ((BundleApplier.Result.Rejected) result).reason();
    }
}
