package io.gatehouse.controlplane.domain.fleet;

import io.gatehouse.protocol.signing.Aead;
import io.gatehouse.protocol.signing.SealedSecret;
import io.gatehouse.protocol.signing.SealingException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Each tenant's key of the redaction {@code hash} action (32 random bytes), sealed (AES-256-GCM) under the master key
 * in {@code redaction_hash_keys} and created on first use. Every agent of the tenant receives it at enrollment, so a
 * value hashes the same on every agent and hashes correlate across the fleet; other tenants' keys differ. The key is
 * never logged and never rides in a bundle.
 */
public final class RedactionHashKeys {

    /** Length of a key in bytes. */
    public static final int KEY_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Aead aead;

    public RedactionHashKeys(Aead aead) {
        this.aead = Objects.requireNonNull(aead, "aead");
    }

    /**
     * The tenant's key (base64url, no padding), created on first use; runs in the tenant's transaction. Concurrent
     * first uses agree: the first insert wins and everyone reads it back.
     */
    public String key(Session session, UUID tenantId, Instant now) {
        byte[] fresh = new byte[KEY_BYTES];
        RANDOM.nextBytes(fresh);
        session.createNativeMutationQuery("insert into redaction_hash_keys (tenant_id, sealed_key, created_at)"
                        + " values (:t, :sealed, :now) on conflict (tenant_id) do nothing")
                .setParameter("t", tenantId)
                .setParameter(
                        "sealed", aead.seal(fresh, associatedData(tenantId)).toText())
                .setParameter("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .executeUpdate();
        java.util.Arrays.fill(fresh, (byte) 0);
        List<String> sealed = session.createNativeQuery(
                        "select sealed_key from redaction_hash_keys where tenant_id = :t", String.class)
                .setParameter("t", tenantId)
                .getResultList();
        if (sealed.size() != 1) {
            throw new IllegalStateException("redaction hash key of tenant " + tenantId + " is missing");
        }
        try {
            byte[] key = aead.open(SealedSecret.fromText(sealed.get(0)), associatedData(tenantId));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
        } catch (SealingException e) {
            throw new IllegalStateException(
                    "the redaction hash key of tenant " + tenantId
                            + " cannot be opened with the configured master keys (" + e.reason() + ")",
                    e);
        }
    }

    private static byte[] associatedData(UUID tenantId) {
        return ("gatehouse-redaction-hash-key:" + tenantId).getBytes(StandardCharsets.UTF_8);
    }
}
