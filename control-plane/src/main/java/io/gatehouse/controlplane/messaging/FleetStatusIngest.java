package io.gatehouse.controlplane.messaging;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.gatehouse.controlplane.domain.fleet.DataPlaneService;
import io.gatehouse.controlplane.domain.registry.ServerToolsService;
import io.gatehouse.controlplane.persistence.Db;
import io.gatehouse.protocol.fleet.AgentStatus;
import io.gatehouse.protocol.fleet.DiscoveredTools;
import io.gatehouse.protocol.fleet.StatusMessages;
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
 *
 * <p>A message with {@code gatehouse-type: discovered-tools} ({@link StatusMessages}) is a {@link DiscoveredTools}
 * report: it is stored as the server's discovered tools ({@link ServerToolsService#ingestDiscovered}). A message of
 * an unknown type is acknowledged and dropped.
 */
public final class FleetStatusIngest {
    private static final Logger LOG = LoggerFactory.getLogger(FleetStatusIngest.class);
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Db db;
    private final DataPlaneService agents;
    private final Clock clock;
    private final ServerToolsService tools;

    public FleetStatusIngest(Db db, DataPlaneService agents, Clock clock) {
        this(db, agents, null, clock);
    }

    /** @param tools stores agents' discovered-tools reports (null: such reports are dropped) */
    public FleetStatusIngest(Db db, DataPlaneService agents, ServerToolsService tools, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.agents = Objects.requireNonNull(agents, "agents");
        this.tools = tools;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    void handle(UUID tenantId, Consumer<byte[]> consumer, Message<byte[]> message) {
        String type = message.getProperty(StatusMessages.TYPE_PROPERTY);
        if (StatusMessages.TYPE_DISCOVERED_TOOLS.equals(type)) {
            handleDiscoveredTools(tenantId, consumer, message);
            return;
        }
        if (type != null && !StatusMessages.TYPE_STATUS.equals(type)) {
            LOG.warn("tenant {}: status-topic message of unknown type dropped", tenantId);
            consumer.acknowledgeAsync(message);
            return;
        }
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

    private void handleDiscoveredTools(UUID tenantId, Consumer<byte[]> consumer, Message<byte[]> message) {
        DiscoveredTools report;
        try {
            report = MAPPER.readValue(message.getValue(), DiscoveredTools.class);
        } catch (IOException | RuntimeException e) {
            LOG.warn(
                    "tenant {}: unreadable discovered-tools report dropped ({} bytes)",
                    tenantId,
                    message.getValue().length);
            consumer.acknowledgeAsync(message);
            return;
        }
        if (tools == null || report.agentId() == null || !report.agentId().equals(message.getKey())) {
            LOG.warn("tenant {}: discovered-tools report whose key is not its agent id dropped", tenantId);
            consumer.acknowledgeAsync(message);
            return;
        }
        try {
            db.inTenant(tenantId, session -> tools.ingestDiscovered(session, tenantId, report));
            consumer.acknowledgeAsync(message);
        } catch (RuntimeException e) {
            LOG.warn("tenant {}: discovered-tools report not stored, will retry: {}", tenantId, e.getMessage());
            consumer.negativeAcknowledge(message);
        }
    }
}
