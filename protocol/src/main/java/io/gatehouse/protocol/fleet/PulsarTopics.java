package io.gatehouse.protocol.fleet;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Pulsar naming for one Gatehouse tenant. Each Gatehouse tenant owns the Pulsar tenant {@code t-{tenantId}}
 * with two namespaces: {@code cfg} (control plane → agents, compacted) and {@code dp} (agents → control plane).
 *
 * <ul>
 *   <li>{@link #bundles()}: signed bundles, message key = data-plane group id; trust-set updates use the key
 *       {@link ConfigMessages#TRUST_SET_KEY}. Compacted, so a Reader from the earliest position sees the latest
 *       message of every key.
 *   <li>{@link #status()}: {@link AgentStatus} messages (applied / rejected / heartbeat), key = agent id.
 *   <li>{@link #audit()}: signed audit batches, key = agent id.
 * </ul>
 */
public record PulsarTopics(String tenantId) {

    private static final Pattern TENANT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");

    public PulsarTopics {
        Objects.requireNonNull(tenantId, "tenantId");
        if (!TENANT_ID.matcher(tenantId).matches()) {
            throw new IllegalArgumentException("tenantId: not a valid Pulsar tenant suffix");
        }
    }

    /** The Pulsar tenant, {@code t-{tenantId}}. */
    public String pulsarTenant() {
        return "t-" + tenantId;
    }

    /** The control-plane → agent namespace, {@code t-{tenantId}/cfg}. */
    public String configNamespace() {
        return pulsarTenant() + "/cfg";
    }

    /** The agent → control-plane namespace, {@code t-{tenantId}/dp}. */
    public String dataPlaneNamespace() {
        return pulsarTenant() + "/dp";
    }

    public String bundles() {
        return "persistent://" + configNamespace() + "/bundles";
    }

    public String status() {
        return "persistent://" + dataPlaneNamespace() + "/status";
    }

    public String audit() {
        return "persistent://" + dataPlaneNamespace() + "/audit";
    }

    /** The Pulsar role the control plane grants the agents of this tenant. */
    public String agentRole() {
        return pulsarTenant() + "-agent";
    }
}
