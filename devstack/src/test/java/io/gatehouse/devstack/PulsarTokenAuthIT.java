package io.gatehouse.devstack;

import static io.gatehouse.devstack.PulsarTestSupport.eventually;
import static io.gatehouse.devstack.PulsarTestSupport.readAll;
import static io.gatehouse.devstack.PulsarTestSupport.send;
import static io.gatehouse.devstack.PulsarTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.devstack.internal.PulsarTokens;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.common.policies.data.AuthAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PulsarExtension.class)
class PulsarTokenAuthIT {

    @Test
    void anAgentOfTenantBCannotReadTenantAUntilGranted(@TokenAuth EmbeddedPulsar pulsar) throws Exception {
        assertThat(pulsar.tokenAuthEnabled()).isTrue();
        String tenantA = unique("t-a");
        String tenantB = unique("t-b");
        pulsar.createTenant(tenantA);
        pulsar.createTenant(tenantB);
        pulsar.createNamespace(tenantA + "/dp", EmbeddedPulsar.RETAIN_FOREVER, 0);
        pulsar.createNamespace(tenantB + "/dp", EmbeddedPulsar.RETAIN_FOREVER, 0);
        String roleB = tenantB + ".agent";
        pulsar.grantNamespacePermission(tenantB + "/dp", roleB, EnumSet.of(AuthAction.produce, AuthAction.consume));
        String topicA = "persistent://" + tenantA + "/dp/status";
        String topicB = "persistent://" + tenantB + "/dp/status";

        try (PulsarClient admin = pulsar.newClient();
                PulsarClient agentB = client(pulsar, pulsar.createToken(roleB))) {
            send(admin, topicA, "dp-a=secret-of-a");

            send(agentB, topicB, "dp-b=own-status");
            assertThat(readAll(agentB, topicB, false)).containsExactly("dp-b=own-status");
            assertThatThrownBy(() -> readAll(agentB, topicA, false))
                    .isInstanceOf(PulsarClientException.AuthorizationException.class);
            assertThatThrownBy(() -> send(agentB, topicA, "dp-b=forged"))
                    .isInstanceOf(PulsarClientException.AuthorizationException.class);

            pulsar.grantNamespacePermission(tenantA + "/dp", roleB, EnumSet.of(AuthAction.consume));

            assertThat(eventually(Duration.ofSeconds(15), () -> readAll(agentB, topicA, false)))
                    .containsExactly("dp-a=secret-of-a");
        }
    }

    @Test
    void clientsWithoutAValidTokenAreRejected(@TokenAuth EmbeddedPulsar pulsar) throws Exception {
        String tenant = unique("t-anon");
        pulsar.createTenant(tenant);
        pulsar.createNamespace(tenant + "/dp", EmbeddedPulsar.RETAIN_FOREVER, 0);
        String topic = "persistent://" + tenant + "/dp/status";
        byte[] otherKey = new byte[32];
        String forged = PulsarTokens.jdkOnly(otherKey).mint(pulsar.superUserRole());

        try (PulsarClient anonymous = pulsar.clientBuilder()
                        .operationTimeout(10, TimeUnit.SECONDS)
                        .build();
                PulsarClient forger = client(pulsar, forged)) {
            assertThatThrownBy(() -> send(anonymous, topic, "k=v"))
                    .isInstanceOf(PulsarClientException.AuthenticationException.class);
            assertThatThrownBy(() -> send(forger, topic, "k=v"))
                    .isInstanceOf(PulsarClientException.AuthenticationException.class);
        }
        assertThatThrownBy(() -> pulsar.createToken("bad\"role")).isInstanceOf(IllegalArgumentException.class);
    }

    private static PulsarClient client(EmbeddedPulsar pulsar, String token) throws PulsarClientException {
        return pulsar.clientBuilder()
                .authentication(org.apache.pulsar.client.api.AuthenticationFactory.token(token))
                .operationTimeout(10, TimeUnit.SECONDS)
                .build();
    }
}
