package io.gatehouse.protocol.fleet;

/**
 * Answer to a successful enrollment (201). The agent stores it (sealed, 0600) next to its private key.
 *
 * @param agentId the agent's id, also its Pulsar producer name
 * @param tenantId the tenant; {@code new PulsarTopics(tenantId)} names the topics
 * @param groupId the data-plane group whose bundles the agent applies (the bundle audience)
 * @param trustSet the tenant's current signed trust set (compact JWS); the agent pins it
 * @param trustSetChain every signed trust set from version 1, so the agent can check the pinned one
 * @param pulsar where and how to reach Pulsar
 * @param redactionHashKey the tenant's key (base64url, 32 bytes) of the redaction {@code hash} action, so every agent
 *     of the tenant produces the same hash for the same value; secret: never logged, never in bundles; null from a
 *     control plane that predates it (the agent then uses a per-process key)
 */
public record EnrollmentResponse(
        String agentId,
        String tenantId,
        String groupId,
        String trustSet,
        TrustSetChain trustSetChain,
        Pulsar pulsar,
        String redactionHashKey) {

    /** An answer without a redaction hash key. */
    public EnrollmentResponse(
            String agentId,
            String tenantId,
            String groupId,
            String trustSet,
            TrustSetChain trustSetChain,
            Pulsar pulsar) {
        this(agentId, tenantId, groupId, trustSet, trustSetChain, pulsar, null);
    }

    @Override
    public String toString() {
        return "EnrollmentResponse[agentId=" + agentId + ", tenantId=" + tenantId + ", groupId=" + groupId + ", pulsar="
                + pulsar + ", redactionHashKey=" + (redactionHashKey == null ? "none" : "***") + "]";
    }

    /**
     * @param serviceUrl {@code pulsar://host:port}
     * @param authToken a Pulsar JWT for the tenant's agent role (secret: never logged)
     */
    public record Pulsar(String serviceUrl, String authToken) {
        @Override
        public String toString() {
            return "Pulsar[serviceUrl=" + serviceUrl + ", authToken=***]";
        }
    }
}
