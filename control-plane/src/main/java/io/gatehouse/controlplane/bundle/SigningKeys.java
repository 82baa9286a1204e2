package io.gatehouse.controlplane.bundle;

import com.nimbusds.jose.jwk.ECKey;
import io.gatehouse.controlplane.messaging.TenantLock;
import io.gatehouse.protocol.signing.Aead;
import io.gatehouse.protocol.signing.KeyRing;
import io.gatehouse.protocol.signing.SealedSecret;
import io.gatehouse.protocol.signing.SealingException;
import io.gatehouse.protocol.signing.SignedTrustSet;
import io.gatehouse.protocol.signing.TrustSetRejectedException;
import io.gatehouse.protocol.signing.TrustSetUpdate;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.Session;

/**
 * A tenant's bundle-signing key ring in PostgreSQL: private keys sealed (AES-256-GCM) under the master key, every
 * published trust-set version kept (the chain agents walk), and the rotation state. Rotation runs in three steps:
 * {@link #rotate} publishes a new key; once the propagation window has passed {@link #advance} makes it the signing
 * key (the caller re-signs the current bundles) and, one window later, retires the old key. Every method runs in the
 * tenant's transaction and takes the tenant's compile lock, so replicas never race on a ring.
 */
public final class SigningKeys {

    /** State of one key, for the API. */
    public record KeyInfo(String kid, String state, Instant publishedAt, Instant activatedAt, Instant retiredAt) {}

    private final Aead aead;
    private final Duration window;
    private final Clock clock;

    public SigningKeys(Aead aead, Duration propagationWindow, Clock clock) {
        this.aead = Objects.requireNonNull(aead, "aead");
        this.window = Objects.requireNonNull(propagationWindow, "propagationWindow");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The master-key AEAD these keys are sealed with (other tenant secrets are sealed with it too). */
    public Aead aead() {
        return aead;
    }

    /** The tenant's ring, created (trust set version 1) on first use. */
    public KeyRing ring(Session session, UUID tenantId) {
        TenantLock.compile(session, tenantId);
        Object[] row = ringRow(session);
        if (row == null) {
            Instant now = clock.instant();
            KeyRing ring = KeyRing.create(tenantId.toString(), KeyRing.generateKey(), now, window);
            session.createNativeMutationQuery("insert into key_rings (tenant_id, active_kid, trust_set_version,"
                            + " updated_at) values (:t, :kid, 1, :now)")
                    .setParameter("t", tenantId)
                    .setParameter("kid", ring.activeKeyId())
                    .setParameter("now", odt(now))
                    .executeUpdate();
            storeKey(session, tenantId, ring.activeKey(), now, true);
            storeTrustSet(session, tenantId, ring.trustSet(), now);
            return ring;
        }
        return restore(session, tenantId, (String) row[0], window);
    }

    /** Publishes a new signing key (trust set version + 1); it signs after the propagation window. */
    public KeyInfo rotate(Session session, UUID tenantId) {
        KeyRing ring = ring(session, tenantId);
        Object[] row = ringRow(session);
        if (row[1] != null || row[2] != null) {
            throw new IllegalStateException("a key rotation is already in progress (key "
                    + (row[1] != null ? row[1] : row[2]) + "); it completes after the propagation window of " + window);
        }
        Instant now = clock.instant();
        ECKey next = KeyRing.generateKey();
        KeyRing rotated = ring.publishNext(next, now);
        storeKey(session, tenantId, next, now, false);
        storeTrustSet(session, tenantId, rotated.trustSet(), now);
        session.createNativeMutationQuery("update key_rings set next_kid = :kid, activate_after = :after,"
                        + " trust_set_version = :v, updated_at = :now")
                .setParameter("kid", next.getKeyID())
                .setParameter("after", odt(now.plus(window)))
                .setParameter("v", rotated.trustSet().version())
                .setParameter("now", odt(now))
                .executeUpdate();
        return new KeyInfo(next.getKeyID(), "PUBLISHED", now, null, null);
    }

    /**
     * Advances a due rotation: activates the published key (returns true: the current bundles must be re-signed) or
     * retires the previous key (trust set version + 1).
     */
    public boolean advance(Session session, UUID tenantId) {
        ring(session, tenantId);
        Object[] row = ringRow(session);
        // the stored activate_after/retire_after are the authority, whatever window this replica is configured with
        KeyRing ring = restore(session, tenantId, (String) row[0], Duration.ZERO);
        Instant now = clock.instant();
        if (row[1] != null && !now.isBefore(instant(row[3]))) {
            String nextKid = (String) row[1];
            String oldKid = ring.activeKeyId();
            ring.activate(nextKid, now);
            session.createNativeMutationQuery("update key_rings set active_kid = :kid, next_kid = null,"
                            + " activate_after = null, retiring_kid = :old, retire_after = :after, updated_at = :now")
                    .setParameter("kid", nextKid)
                    .setParameter("old", oldKid)
                    .setParameter("after", odt(now.plus(window)))
                    .setParameter("now", odt(now))
                    .executeUpdate();
            session.createNativeMutationQuery("update signing_keys set activated_at = :now where kid = :kid")
                    .setParameter("kid", nextKid)
                    .setParameter("now", odt(now))
                    .executeUpdate();
            return true;
        }
        if (row[2] != null && !now.isBefore(instant(row[4]))) {
            String oldKid = (String) row[2];
            KeyRing retired = ring.retire(oldKid, now);
            storeTrustSet(session, tenantId, retired.trustSet(), now);
            session.createNativeMutationQuery("update key_rings set retiring_kid = null, retire_after = null,"
                            + " trust_set_version = :v, updated_at = :now")
                    .setParameter("v", retired.trustSet().version())
                    .setParameter("now", odt(now))
                    .executeUpdate();
            session.createNativeMutationQuery(
                            "update signing_keys set retired_at = :now, sealed_private = null" + " where kid = :kid")
                    .setParameter("kid", oldKid)
                    .setParameter("now", odt(now))
                    .executeUpdate();
        }
        return false;
    }

    /** Every signed trust set of the tenant, version 1 upward (creates the ring if needed). */
    public List<String> chain(Session session, UUID tenantId) {
        ring(session, tenantId);
        return session.createNativeQuery("select jws from trust_sets order by version", String.class)
                .getResultList();
    }

    /** Every key the tenant ever had, oldest first. */
    public List<KeyInfo> list(Session session, UUID tenantId) {
        KeyRing ring = ring(session, tenantId);
        List<Object[]> rows = session.createNativeQuery(
                        "select kid, published_at, activated_at, retired_at from signing_keys order by published_at, kid",
                        Object[].class)
                .getResultList();
        List<KeyInfo> keys = new ArrayList<>();
        for (Object[] r : rows) {
            String kid = (String) r[0];
            String state = r[3] != null
                    ? "RETIRED"
                    : kid.equals(ring.activeKeyId()) ? "ACTIVE" : r[2] != null ? "RETIRING" : "PUBLISHED";
            keys.add(new KeyInfo(kid, state, instant(r[1]), instantOrNull(r[2]), instantOrNull(r[3])));
        }
        return keys;
    }

    private Object[] ringRow(Session session) {
        List<Object[]> rows = session.createNativeQuery(
                        "select active_kid, next_kid, retiring_kid, activate_after, retire_after from key_rings",
                        Object[].class)
                .getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    private KeyRing restore(Session session, UUID tenantId, String activeKid, Duration propagationWindow) {
        String latest = session.createNativeQuery(
                        "select jws from trust_sets order by version desc limit 1", String.class)
                .getSingleResult();
        SignedTrustSet published;
        try {
            published = new SignedTrustSet(
                    latest, TrustSetUpdate.verifyPinned(latest, tenantId.toString(), clock.instant()));
        } catch (TrustSetRejectedException e) {
            throw new IllegalStateException(
                    "stored trust set of tenant " + tenantId + " is invalid: " + e.getMessage(), e);
        }
        List<Object[]> rows = session.createNativeQuery(
                        "select kid, sealed_private from signing_keys where sealed_private is not null", Object[].class)
                .getResultList();
        List<ECKey> keys = new ArrayList<>();
        for (Object[] r : rows) {
            String kid = (String) r[0];
            try {
                byte[] json = aead.open(SealedSecret.fromText((String) r[1]), associatedData(tenantId, kid));
                keys.add(ECKey.parse(new String(json, StandardCharsets.UTF_8)));
            } catch (SealingException e) {
                throw new IllegalStateException(
                        "signing key " + kid + " of tenant " + tenantId
                                + " cannot be opened with the configured master keys (" + e.reason() + ")",
                        e);
            } catch (ParseException e) {
                throw new IllegalStateException("signing key " + kid + " of tenant " + tenantId + " is corrupt", e);
            }
        }
        return KeyRing.restore(published, keys, activeKid, propagationWindow);
    }

    private void storeKey(Session session, UUID tenantId, ECKey key, Instant now, boolean active) {
        SealedSecret sealed = aead.seal(
                key.toJSONString().getBytes(StandardCharsets.UTF_8), associatedData(tenantId, key.getKeyID()));
        session.createNativeMutationQuery("insert into signing_keys (tenant_id, kid, sealed_private, published_at,"
                        + " activated_at) values (:t, :kid, :sealed, :now, :active)")
                .setParameter("t", tenantId)
                .setParameter("kid", key.getKeyID())
                .setParameter("sealed", sealed.toText())
                .setParameter("now", odt(now))
                .setParameter("active", active ? odt(now) : null, OffsetDateTime.class)
                .executeUpdate();
    }

    private static void storeTrustSet(Session session, UUID tenantId, SignedTrustSet set, Instant now) {
        session.createNativeMutationQuery(
                        "insert into trust_sets (tenant_id, version, jws, created_at)" + " values (:t, :v, :jws, :now)")
                .setParameter("t", tenantId)
                .setParameter("v", set.version())
                .setParameter("jws", set.compact())
                .setParameter("now", odt(now))
                .executeUpdate();
    }

    private static byte[] associatedData(UUID tenantId, String kid) {
        return ("tenant=" + tenantId + ";purpose=signing-key;kid=" + kid).getBytes(StandardCharsets.UTF_8);
    }

    static OffsetDateTime odt(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(Object value) {
        return switch (value) {
            case OffsetDateTime o -> o.toInstant();
            case Instant i -> i;
            case java.sql.Timestamp t -> t.toInstant();
            default -> throw new IllegalStateException("not a timestamp: " + value.getClass());
        };
    }

    static Instant instantOrNull(Object value) {
        return value == null ? null : instant(value);
    }
}
