package io.gatehouse.devstack;

import static io.gatehouse.devstack.PulsarTestSupport.eventually;
import static io.gatehouse.devstack.PulsarTestSupport.port;
import static io.gatehouse.devstack.PulsarTestSupport.readAll;
import static io.gatehouse.devstack.PulsarTestSupport.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.devstack.internal.Log4jSetup;
import io.gatehouse.devstack.internal.Ports;
import io.gatehouse.devstack.internal.PulsarTokens;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.AuthenticationFactory;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.common.policies.data.AuthAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts and stops its own brokers: the forked child JVM, and clean shutdown of both modes. */
class PulsarLifecycleIT {

    @Test
    void forkedBrokerWithTokenAuthWorksAndLeavesNothingBehind() throws Exception {
        EmbeddedPulsar pulsar = EmbeddedPulsar.builder()
                .forked(true)
                .tokenAuth(true)
                .startTimeout(Duration.ofSeconds(120))
                .start();
        ProcessHandle child = pulsar.process().orElseThrow();
        int brokerPort = port(pulsar.brokerServiceUrl());
        int webPort = port(pulsar.webServiceUrl());
        Path workDir = pulsar.workDir();
        try {
            assertThat(pulsar.isForked()).isTrue();
            assertThat(child.isAlive()).isTrue();
            assertThat(child.pid()).isNotEqualTo(ProcessHandle.current().pid());
            assertThat(child.info().commandLine().orElse("")).doesNotContain(pulsar.tokenSecretKeyBase64());

            pulsar.createTenant("t-forked");
            pulsar.createNamespace("t-forked/cfg", EmbeddedPulsar.RETAIN_FOREVER, 0);
            pulsar.grantNamespacePermission(
                    "t-forked/cfg", "t-forked.agent", EnumSet.of(AuthAction.produce, AuthAction.consume));
            String topic = "persistent://t-forked/cfg/bundles";
            // Tokens minted without the broker classes (what modules without pulsar-broker use) are accepted.
            byte[] key = Base64.getDecoder().decode(pulsar.tokenSecretKeyBase64());
            String agentToken = PulsarTokens.jdkOnly(key).mint("t-forked.agent");

            try (PulsarClient agent = client(pulsar, agentToken);
                    PulsarClient stranger = client(pulsar, pulsar.createToken("t-other.agent"))) {
                eventually(Duration.ofSeconds(15), () -> {
                    send(agent, topic, "dp-1=v1", "dp-1=v2", "dp-2=w1");
                    return null;
                });
                pulsar.triggerCompactionAndWait(topic);
                assertThat(readAll(agent, topic, true)).containsExactly("dp-1=v2", "dp-2=w1");
                assertThatThrownBy(() -> readAll(stranger, topic, false))
                        .isInstanceOf(PulsarClientException.AuthorizationException.class);
            }
        } finally {
            pulsar.close();
        }

        assertThat(child.isAlive()).as("forked broker process %d", child.pid()).isFalse();
        assertThat(Ports.isFree(brokerPort))
                .as("broker port %d free", brokerPort)
                .isTrue();
        assertThat(Ports.isFree(webPort)).as("web port %d free", webPort).isTrue();
        assertThat(workDir).doesNotExist();
        assertThatThrownBy(pulsar::admin).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void forkedBrokerExitsByItselfWhenItsParentIsKilled(@TempDir Path dir) throws Exception {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlog4j2.configurationFile=classpath:" + Log4jSetup.CONFIG_RESOURCE,
                "-cp",
                System.getProperty("java.class.path"),
                ForkedPulsarParentMain.class.getName());
        Process parent = new ProcessBuilder(command)
                .redirectError(dir.resolve("parent-stderr.log").toFile())
                .start();
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
            String line = lines.readLine(); // blocks until the broker is ready (or the parent died)
            while (line != null && !line.startsWith("CHILD ")) {
                line = lines.readLine(); // the parent's own log lines
            }
            assertThat(line)
                    .as("parent stderr:%n%s", Files.readString(dir.resolve("parent-stderr.log")))
                    .startsWith("CHILD ");
            String[] parts = line.split(" ");
            ProcessHandle child = ProcessHandle.of(Long.parseLong(parts[1])).orElseThrow();
            Path workDir = Path.of(parts[2]);
            assertThat(child.isAlive()).isTrue();
            assertThat(child.parent().map(ProcessHandle::pid)).contains(parent.pid());

            parent.toHandle().destroyForcibly(); // SIGKILL: no shutdown hook runs in the parent

            assertThat(child.onExit().get(90, TimeUnit.SECONDS).isAlive()).isFalse();
            assertThat(workDir).doesNotExist();
        } finally {
            parent.destroyForcibly();
            parent.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void inProcessBrokerFreesItsPortsAndDeletesItsDataOnClose() throws Exception {
        EmbeddedPulsar pulsar = EmbeddedPulsar.builder().forked(false).start();
        int brokerPort = port(pulsar.brokerServiceUrl());
        int webPort = port(pulsar.webServiceUrl());
        Path workDir = pulsar.workDir();
        try {
            assertThat(pulsar.isForked()).isFalse();
            assertThat(workDir.resolve("bookie")).isDirectory();
            pulsar.createTenant("t-lifecycle");
            pulsar.createNamespace("t-lifecycle/ns", EmbeddedPulsar.RETAIN_FOREVER, 0);
            try (PulsarClient client = pulsar.newClient()) {
                send(client, "persistent://t-lifecycle/ns/topic", "k=v");
                assertThat(readAll(client, "persistent://t-lifecycle/ns/topic", false))
                        .containsExactly("k=v");
            }
        } finally {
            pulsar.close();
        }

        assertThat(Ports.isFree(brokerPort))
                .as("broker port %d free", brokerPort)
                .isTrue();
        assertThat(Ports.isFree(webPort)).as("web port %d free", webPort).isTrue();
        assertThat(workDir).doesNotExist();
    }

    private static PulsarClient client(EmbeddedPulsar pulsar, String token) throws PulsarClientException {
        return pulsar.clientBuilder()
                .authentication(AuthenticationFactory.token(token))
                .operationTimeout(10, TimeUnit.SECONDS)
                .build();
    }
}
