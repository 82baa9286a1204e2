package io.gatehouse.controlplane.audit;

import com.nimbusds.jose.jwk.ECKey;
import io.gatehouse.controlplane.persistence.Db;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.text.ParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link AgentKeys} over the {@code audit_agent_keys} table (tenant-scoped by row-level security), with a
 * small cache: keys change only at (re-)enrollment, and {@link #register} refreshes the cache.
 */
public final class DbAgentKeys implements AgentKeys {

    private final Db db;
    private final ConcurrentHashMap<String, ECKey> cache = new ConcurrentHashMap<>();

    public DbAgentKeys(Db db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public Optional<ECKey> find(UUID tenantId, String agentId) {
        String cacheKey = tenantId + "/" + agentId;
        ECKey cached = cache.get(cacheKey);
        if (cached != null) {
            return Optional.of(cached);
        }
        String jwk = db.inTenant(
                tenantId,
                session -> session.doReturningWork(c -> {
                    // an enrolled agent's key (its id is a UUID), else a key registered for audit alone
                    try (PreparedStatement s = c.prepareStatement(
                            "SELECT public_jwk FROM agents WHERE tenant_id = ? AND id::text = ? AND revoked_at IS NULL"
                                    + " UNION ALL SELECT public_jwk FROM audit_agent_keys"
                                    + " WHERE tenant_id = ? AND agent_id = ? LIMIT 1")) {
                        s.setObject(1, tenantId);
                        s.setString(2, agentId);
                        s.setObject(3, tenantId);
                        s.setString(4, agentId);
                        try (ResultSet rs = s.executeQuery()) {
                            return rs.next() ? rs.getString(1) : null;
                        }
                    }
                }));
        if (jwk == null) {
            return Optional.empty();
        }
        try {
            ECKey key = ECKey.parse(jwk);
            cache.put(cacheKey, key);
            return Optional.of(key);
        } catch (ParseException e) {
            throw new IllegalStateException("stored key of agent " + agentId + " is not a JWK", e);
        }
    }

    @Override
    public void register(UUID tenantId, String agentId, ECKey publicKey) {
        if (publicKey.isPrivate()) {
            throw new IllegalArgumentException("publicKey: a private key was given; register the public JWK only");
        }
        db.inTenant(
                tenantId,
                session -> session.doReturningWork(c -> {
                    try (PreparedStatement s = c.prepareStatement(
                            "INSERT INTO audit_agent_keys (tenant_id, agent_id, public_jwk) VALUES (?, ?, ?) "
                                    + "ON CONFLICT (tenant_id, agent_id) DO NOTHING")) {
                        s.setObject(1, tenantId);
                        s.setString(2, agentId);
                        s.setString(3, publicKey.toJSONString());
                        if (s.executeUpdate() == 0) {
                            // re-enrollment with a new key: replace (DELETE + INSERT keeps the grants minimal)
                            try (PreparedStatement d = c.prepareStatement(
                                    "DELETE FROM audit_agent_keys WHERE tenant_id = ? AND agent_id = ?")) {
                                d.setObject(1, tenantId);
                                d.setString(2, agentId);
                                d.executeUpdate();
                            }
                            s.executeUpdate();
                        }
                        return null;
                    }
                }));
        cache.put(tenantId + "/" + agentId, publicKey);
    }
}
