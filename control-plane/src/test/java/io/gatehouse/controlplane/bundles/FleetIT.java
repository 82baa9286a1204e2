package io.gatehouse.controlplane.bundles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.gatehouse.protocol.api.BundleVersion;
import io.gatehouse.protocol.api.DataPlane;
import io.gatehouse.protocol.api.DataPlaneState;
import io.gatehouse.protocol.fleet.AgentStatus;
import io.gatehouse.protocol.fleet.PulsarTopics;
import io.gatehouse.sdk.ListParams;
import java.time.Duration;
import java.time.Instant;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.Schema;
import org.junit.jupiter.api.Test;

/**
 * Agents report on their tenant's real status topic (with their own Pulsar token); the fleet view shows heartbeat,
 * applied vs desired version, drift and the last reject, and ignores a revoked agent.
 */
class FleetIT {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final PulsarControlPlane cp = PulsarControlPlane.get();

    @Test
    void statusMessagesShowUpInTheFleetView() throws Exception {
        PulsarControlPlane.Tenant tenant = cp.newTenant("fleet");
        PulsarControlPlane.Enrolled enrolled = tenant.enroll();
        String agentId = enrolled.response().agentId();
        BundleVersion desired = tenant.publish();
        BundlePublishingIT.awaitPublished(tenant, 1);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(
                                tenant.owner().dataPlanes().get(agentId).desiredVersion())
                        .isEqualTo(desired.version()));
        Instant started = Instant.now().minusSeconds(30);

        try (PulsarClient client =
                        cp.pulsar().newClient(enrolled.response().pulsar().authToken());
                Producer<byte[]> status = client.newProducer(Schema.BYTES)
                        .topic(new PulsarTopics(tenant.tenantId()).status())
                        .create()) {
            send(
                    status,
                    new AgentStatus(
                            AgentStatus.Kind.HEARTBEAT,
                            agentId,
                            tenant.groupId(),
                            desired.version() - 1,
                            null,
                            null,
                            null,
                            "0.2.0",
                            started,
                            Instant.now()));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                DataPlane agent = tenant.owner().dataPlanes().get(agentId);
                assertThat(agent.state()).isEqualTo(DataPlaneState.ONLINE);
                assertThat(agent.appliedVersion()).isEqualTo(desired.version() - 1);
                assertThat(agent.desiredVersion()).isEqualTo(desired.version());
                assertThat(agent.drift()).isTrue();
                assertThat(agent.agentVersion()).isEqualTo("0.2.0");
                assertThat(agent.lastSeenAt()).isNotNull();
            });

            send(
                    status,
                    new AgentStatus(
                            AgentStatus.Kind.REJECTED,
                            agentId,
                            tenant.groupId(),
                            desired.version() - 1,
                            desired.version(),
                            "BAD_SIGNATURE",
                            "kid abc is not in the pinned trust set",
                            "0.2.0",
                            started,
                            Instant.now()));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                DataPlane agent = tenant.owner().dataPlanes().get(agentId);
                assertThat(agent.lastReject()).isNotNull();
                assertThat(agent.lastReject().version()).isEqualTo(desired.version());
                assertThat(agent.lastReject().reason()).isEqualTo("BAD_SIGNATURE");
                assertThat(agent.lastReject().detail()).contains("pinned trust set");
            });

            send(
                    status,
                    new AgentStatus(
                            AgentStatus.Kind.APPLIED,
                            agentId,
                            tenant.groupId(),
                            desired.version(),
                            desired.version(),
                            null,
                            null,
                            "0.2.0",
                            started,
                            Instant.now()));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                DataPlane agent = tenant.owner().dataPlanes().get(agentId);
                assertThat(agent.appliedVersion()).isEqualTo(desired.version());
                assertThat(agent.drift()).isFalse();
            });
            assertThat(tenant.owner().dataPlanes().list(ListParams.create()).items())
                    .extracting(DataPlane::id)
                    .containsExactly(agentId);
            PulsarControlPlane.Tenant other = cp.newTenant("fleet-other");
            EnrollmentIT.assertRefused(() -> other.owner().dataPlanes().get(agentId), 404, "NOT_FOUND");
            EnrollmentIT.assertRefused(() -> other.owner().dataPlanes().revoke(agentId), 404, "NOT_FOUND");
            assertThat(other.owner().dataPlanes().list(ListParams.create()).items())
                    .isEmpty();
            assertThat(other.owner()
                            .bundles()
                            .list(ListParams.create().filter("groupId", tenant.groupId()))
                            .items())
                    .as("another tenant's bundle history is invisible")
                    .isEmpty();

            tenant.owner().dataPlanes().revoke(agentId);
            send(
                    status,
                    new AgentStatus(
                            AgentStatus.Kind.HEARTBEAT,
                            agentId,
                            tenant.groupId(),
                            1,
                            null,
                            null,
                            null,
                            "0.3.0",
                            started,
                            Instant.now()));
            Thread.sleep(1500);
            DataPlane revoked = tenant.owner().dataPlanes().get(agentId);
            assertThat(revoked.state()).isEqualTo(DataPlaneState.REVOKED);
            assertThat(revoked.agentVersion())
                    .as("a revoked agent's reports are ignored")
                    .isEqualTo("0.2.0");
            assertThat(revoked.appliedVersion()).isEqualTo(desired.version());
        }
    }

    private static void send(Producer<byte[]> producer, AgentStatus status) throws Exception {
        producer.newMessage()
                .key(status.agentId())
                .value(JSON.writeValueAsBytes(status))
                .send();
    }
}
