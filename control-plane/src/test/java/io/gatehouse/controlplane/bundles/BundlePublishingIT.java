package io.gatehouse.controlplane.bundles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.controlplane.bundle.BundleCompiler;
import io.gatehouse.protocol.api.BundleVersion;
import io.gatehouse.protocol.api.KillSwitchRequest;
import io.gatehouse.protocol.api.KillSwitchScope;
import io.gatehouse.protocol.api.Risk;
import io.gatehouse.protocol.api.ScopeRequest;
import io.gatehouse.protocol.api.Server;
import io.gatehouse.protocol.api.ServerRequest;
import io.gatehouse.protocol.api.ServerStatus;
import io.gatehouse.protocol.api.ToolBinding;
import io.gatehouse.protocol.api.ToolBindingRequest;
import io.gatehouse.protocol.api.Transport;
import io.gatehouse.protocol.fleet.ConfigMessages;
import io.gatehouse.protocol.signing.TrustSet;
import io.gatehouse.protocol.signing.TrustSetUpdate;
import io.gatehouse.sdk.ListParams;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Changes made through the SDK reach the tenant's real config topic as signed bundles that an enrolled agent
 * verifies with the trust set enrollment gave it: debounced, except kill switches; nothing lost while the broker is
 * unreachable; two relaying replicas never publish a version twice or out of order; rollback republishes old content
 * under a higher version.
 */
class BundlePublishingIT {
    private final PulsarControlPlane cp = PulsarControlPlane.get();

    @Test
    void aToolBindingChangeArrivesAsAVerifiedBundleAfterTheDebounceAndAKillSwitchWithoutIt() throws Exception {
        PulsarControlPlane.Tenant tenant = cp.newTenant("publish");
        PulsarControlPlane.Enrolled agent = tenant.enroll();
        Server server = approvedServer(tenant, "files");
        tenant.owner().scopes().create(new ScopeRequest("files:write", null, List.of()));

        try (ConfigTopic topic = agentView(tenant, agent)) {
            topic.awaitApplied(a -> a.bundle().serverBySlug("files") != null, Duration.ofSeconds(20));
            topic.drain(Duration.ofMillis(PulsarControlPlane.DEBOUNCE_MILLIS + 700));

            ToolBinding binding = tenant.owner()
                    .toolBindings()
                    .create(new ToolBindingRequest(
                            server.id(), "write_*", List.of("files:write"), Risk.DESTRUCTIVE, List.of("path")));
            Instant changed = Instant.now();
            ConfigTopic.Applied withBinding = topic.awaitApplied(
                    a -> a.bundle().toolBindings().stream().anyMatch(b -> b.id().equals(binding.id())),
                    Duration.ofSeconds(10));
            Duration bindingLatency = Duration.between(changed, withBinding.at());
            assertThat(withBinding.bundle().toolBindings())
                    .singleElement()
                    .satisfies(b -> assertThat(b.requiredScopes()).containsExactly("files:write"));
            assertThat(bindingLatency)
                    .as("debounced: not before the debounce, well within debounce + 2 s")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(PulsarControlPlane.DEBOUNCE_MILLIS - 100))
                    .isLessThan(Duration.ofMillis(PulsarControlPlane.DEBOUNCE_MILLIS + 2000));

            tenant.owner()
                    .killSwitches()
                    .create(new KillSwitchRequest(KillSwitchScope.SERVER, server.id(), null, "incident 42"));
            Instant killed = Instant.now();
            ConfigTopic.Applied withKill =
                    topic.awaitApplied(a -> !a.bundle().killSwitches().isEmpty(), Duration.ofSeconds(10));
            assertThat(Duration.between(killed, withKill.at()))
                    .as("a kill switch skips the debounce")
                    .isLessThan(Duration.ofMillis(PulsarControlPlane.DEBOUNCE_MILLIS - 300));
            assertThat(withKill.bundle().killSwitches().get(0).reason()).isEqualTo("incident 42");
            assertThat(topic.rejected()).isEmpty();
            assertThat(topic.versions()).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void whileTheBrokerIsUnreachableTheBundleWaitsAndIsPublishedAfterwards() throws Exception {
        PulsarControlPlane.Tenant tenant = cp.newTenant("outage");
        PulsarControlPlane.Enrolled agent = tenant.enroll();
        awaitPublished(tenant, 1);
        ProcessHandle broker = cp.pulsar().process().orElseThrow();
        signal(broker, "STOP");
        BundleVersion pending;
        try {
            tenant.publish();
            pending = tenant.owner().bundles().list(ListParams.create()).items().get(0);
            assertThat(pending.publishedAt()).isNull();
            // a replica without a producer for this tenant yet waits up to the send timeout to create one first
            await().atMost(Duration.ofSeconds(45))
                    .untilAsserted(() -> assertThat(latest(tenant).lastError())
                            .as("the relay tried and failed")
                            .isNotNull());
            assertThat(latest(tenant).version()).isEqualTo(pending.version());
            assertThat(latest(tenant).publishedAt()).as("kept in the outbox").isNull();
        } finally {
            signal(broker, "CONT");
        }
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(latest(tenant).publishedAt()).isNotNull());
        try (ConfigTopic topic = agentView(tenant, agent)) {
            topic.awaitApplied(a -> a.version() == pending.version(), Duration.ofSeconds(20));
            assertThat(topic.rejected()).isEmpty();
        }
    }

    @Test
    void twoRelayingReplicasPublishEveryVersionOnceAndInOrder() throws Exception {
        PulsarControlPlane.Tenant tenant = cp.newTenant("replicas");
        PulsarControlPlane.Enrolled agent = tenant.enroll();
        Server server = approvedServer(tenant, "race");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                int n = i;
                work.add(pool.submit(() -> (n % 2 == 0 ? tenant.owner() : tenant.ownerOnReplica1())
                        .bundles()
                        .publish()));
                work.add(pool.submit(() -> (n % 2 == 0 ? tenant.ownerOnReplica1() : tenant.owner())
                        .killSwitches()
                        .create(new KillSwitchRequest(KillSwitchScope.TOOL, server.id(), "tool_" + n, "race " + n))));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<BundleVersion> all = new ArrayList<>();
            tenant.owner().bundles().listAll(ListParams.create()).forEach(all::add);
            assertThat(all).allSatisfy(b -> assertThat(b.publishedAt()).isNotNull());
        });
        List<BundleVersion> history = new ArrayList<>();
        tenant.owner().bundles().listAll(ListParams.create()).forEach(history::add);
        long highest = history.stream().mapToLong(BundleVersion::version).max().orElseThrow();

        try (ConfigTopic topic = agentView(tenant, agent)) {
            topic.awaitApplied(a -> a.version() == highest, Duration.ofSeconds(20));
            topic.drain(Duration.ofSeconds(1));
            List<Long> onTopic = topic.received().stream()
                    .filter(r -> ConfigMessages.TYPE_BUNDLE.equals(r.type()))
                    .map(r -> version(r.value()))
                    .toList();
            assertThat(onTopic)
                    .as("each version once, in increasing order")
                    .isSorted()
                    .doesNotHaveDuplicates();
            assertThat(topic.rejected()).isEmpty();
            assertThat(topic.applied().get(topic.applied().size() - 1).bundle().killSwitches())
                    .as("the last version contains every change")
                    .hasSize(12);
        }
        Set<Long> versions = new HashSet<>();
        history.forEach(b -> assertThat(versions.add(b.version())).isTrue());
    }

    @Test
    void rollbackRepublishesOldContentUnderAHigherVersion() throws Exception {
        PulsarControlPlane.Tenant tenant = cp.newTenant("rollback");
        PulsarControlPlane.Enrolled agent = tenant.enroll();
        Server server = approvedServer(tenant, "docs");
        BundleVersion good = tenant.publish();
        tenant.owner().servers().delete(server.id());
        BundleVersion bad = tenant.publish();
        assertThat(bad.version()).isGreaterThan(good.version());

        BundleVersion rolledBack = tenant.owner().bundles().rollback(tenant.groupId(), good.version());
        assertThat(rolledBack.version()).isGreaterThan(bad.version());
        assertThat(rolledBack.kind()).isEqualTo("ROLLBACK");
        assertThat(rolledBack.rollbackOf()).isEqualTo(good.version());

        try (ConfigTopic topic = agentView(tenant, agent)) {
            ConfigTopic.Applied applied =
                    topic.awaitApplied(a -> a.version() == rolledBack.version(), Duration.ofSeconds(20));
            assertThat(applied.bundle().serverBySlug("docs")).isNotNull();
            ConfigTopic.Applied original = topic.applied().stream()
                    .filter(a -> a.version() == good.version())
                    .findFirst()
                    .orElseThrow();
            assertThat(BundleCompiler.sectionsSha256(applied.bundle()))
                    .isEqualTo(BundleCompiler.sectionsSha256(original.bundle()));
            assertThat(topic.rejected()).isEmpty();
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    static ConfigTopic agentView(PulsarControlPlane.Tenant tenant, PulsarControlPlane.Enrolled agent) throws Exception {
        TrustSet pinned = TrustSetUpdate.verifyPinned(
                agent.response().trustSet(), agent.response().tenantId(), Instant.now());
        return new ConfigTopic(
                PulsarControlPlane.get()
                        .pulsar()
                        .newClient(agent.response().pulsar().authToken()),
                tenant.tenantId(),
                tenant.groupId(),
                pinned);
    }

    static Server approvedServer(PulsarControlPlane.Tenant tenant, String slug) {
        return tenant.owner()
                .servers()
                .create(new ServerRequest(
                        slug,
                        slug,
                        "http://" + slug + ".internal:3000/mcp",
                        Transport.STREAMABLE_HTTP,
                        null,
                        List.of(),
                        ServerStatus.APPROVED,
                        Map.of()));
    }

    static BundleVersion latest(PulsarControlPlane.Tenant tenant) {
        return tenant.owner()
                .bundles()
                .list(ListParams.create().limit(1))
                .items()
                .get(0);
    }

    static void awaitPublished(PulsarControlPlane.Tenant tenant, int atLeast) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<BundleVersion> items =
                    tenant.owner().bundles().list(ListParams.create()).items();
            assertThat(items.stream().filter(b -> b.publishedAt() != null).count())
                    .isGreaterThanOrEqualTo(atLeast);
        });
    }

    private static long version(String jws) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(jws.split("\\.")[1]));
        return Long.parseLong(payload.replaceAll(".*\"ver\":(\\d+).*", "$1"));
    }

    private static void signal(ProcessHandle process, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                .inheritIO()
                .start();
        assertThat(kill.waitFor()).isZero();
    }
}
