package io.gatehouse.controlplane.messaging;

import io.gatehouse.protocol.fleet.PulsarTopics;
import java.io.IOException;

/**
 * Gives each Gatehouse tenant its Pulsar tenant {@code t-{tenantId}} with namespaces {@code cfg} (control plane →
 * agents: infinite retention, compacted) and {@code dp} (agents → control plane: 7 days / 10 GiB retention,
 * compacted status), and grants the tenant's agent role ({@link PulsarTopics#agentRole()}) {@code consume} on
 * {@code cfg} and {@code produce} on {@code dp} — nothing else, so a token of one tenant can never touch another.
 * Idempotent.
 */
public final class PulsarTenancy {
    static final long CFG_COMPACTION_THRESHOLD = 1024 * 1024;
    static final long DP_COMPACTION_THRESHOLD = 16 * 1024 * 1024;
    static final int DP_RETENTION_MINUTES = 7 * 24 * 60;
    static final int DP_RETENTION_MB = 10 * 1024;

    private final PulsarAdminRest admin;
    private final String configuredCluster;
    private volatile String cluster;

    PulsarTenancy(PulsarAdminRest admin, String cluster) {
        this.admin = admin;
        this.configuredCluster = cluster;
    }

    public void provision(PulsarTopics topics) throws IOException {
        admin.createTenant(topics.pulsarTenant(), cluster());
        admin.createNamespace(topics.configNamespace());
        admin.setRetention(topics.configNamespace(), -1, -1);
        admin.setCompactionThreshold(topics.configNamespace(), CFG_COMPACTION_THRESHOLD);
        admin.grant(topics.configNamespace(), topics.agentRole(), "consume");
        admin.createNamespace(topics.dataPlaneNamespace());
        admin.setRetention(topics.dataPlaneNamespace(), DP_RETENTION_MINUTES, DP_RETENTION_MB);
        admin.setCompactionThreshold(topics.dataPlaneNamespace(), DP_COMPACTION_THRESHOLD);
        admin.enableDeduplication(topics.dataPlaneNamespace());
        admin.grant(topics.dataPlaneNamespace(), topics.agentRole(), "produce");
    }

    private String cluster() throws IOException {
        if (configuredCluster != null) {
            return configuredCluster;
        }
        if (cluster == null) {
            cluster = admin.firstCluster();
        }
        return cluster;
    }
}
