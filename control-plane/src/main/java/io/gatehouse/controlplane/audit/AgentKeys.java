package io.gatehouse.controlplane.audit;

import com.nimbusds.jose.jwk.ECKey;
import java.util.Optional;
import java.util.UUID;

/**
 * The registered public key of each agent, which its audit batches must be signed with. Agent registration
 * (enrollment) writes it; the ingest and the verify endpoint read it.
 */
public interface AgentKeys {

    /** The agent's public key, or empty when the agent is unknown to this tenant. */
    Optional<ECKey> find(UUID tenantId, String agentId);

    /** Registers (or replaces) an agent's public key. */
    void register(UUID tenantId, String agentId, ECKey publicKey);
}
