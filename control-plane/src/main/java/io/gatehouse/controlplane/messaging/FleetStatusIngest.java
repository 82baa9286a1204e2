package io.gatehouse.controlplane.messaging;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.gatehouse.controlplane.domain.fleet.DataPlaneService;
import io.gatehouse.controlplane.persistence.Db;
import io.gatehouse.protocol.fleet.AgentStatus;
import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes {@link AgentStatus} messages from each tenant's {@code dp/status} topic (Key_Shared, key = agent id) into
 * the agent rows. A message is acknowledged only after its transaction committed; an unreadable message, or one whose
 * key is not the agent id it carries, is acknowledged and dropped (it can never succeed). A status names only an
 * agent of the topic's own tenant: the transaction is the tenant's, so another tenant's agent id is simply unknown.
 */
public final class FleetStatusIngest {
    private static final Logger LOG = LoggerFactory.getLogger(FleetStatusIngest.class);
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Db db;
    private final DataPlaneService agents;
    private final Clock clock;

    public FleetStatusIngest(Db db, DataPlaneService agents, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.agents = Objects.requireNonNull(agents, "agents");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    void handle(UUID tenantId, Consumer<byte[]> consumer, Message<byte[]> message) {
        AgentStatus status;
        try {
            status = MAPPER.readValue(message.getValue(), AgentStatus.class);
        } catch (IOException e) {
            LOG.warn("tenant {}: unreadable agent status dropped ({} bytes)", tenantId, message.getValue().length);
            consumer.acknowledgeAsync(message);
            return;
        }
        if (status.agentId() == null || !status.agentId().equals(message.getKey())) {
            LOG.warn("tenant {}: agent status whose key is not its agent id dropped", tenantId);
            consumer.acknowledgeAsync(message);
            return;
        }
        try {
            db.inTenant(tenantId, session -> agents.applyStatus(session, status, clock.instant()));
            consumer.acknowledgeAsync(message);
        } catch (RuntimeException e) {
            LOG.warn("tenant {}: agent status not stored, will retry: {}", tenantId, e.getMessage());
            consumer.negativeAcknowledge(message);
        }
    }
}
