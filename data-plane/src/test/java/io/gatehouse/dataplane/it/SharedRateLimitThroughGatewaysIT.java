package io.gatehouse.dataplane.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.dataplane.DataPlaneMain;
import io.gatehouse.dataplane.DataPlaneServer;
import io.gatehouse.dataplane.config.ConfigLoader;
import io.gatehouse.dataplane.support.RawMcp;
import io.gatehouse.dataplane.support.RecordingUpstream;
import io.gatehouse.dataplane.support.TestBundles;
import io.gatehouse.devstack.EmbeddedRedis;
import io.gatehouse.protocol.bundle.Bundle;
import io.gatehouse.protocol.bundle.McpServer;
import io.gatehouse.protocol.bundle.RateLimit;
import io.gatehouse.protocol.bundle.RateLimit.FailureMode;
import io.gatehouse.protocol.bundle.RateLimit.KeyDimension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three agents — three real {@link DataPlaneServer}s configured with the same Redis — in front of
 * one MCP upstream: under concurrent HTTP load they admit no more than a shared limit; with Redis
 * stopped each limit follows its failure mode; with Redis back, sharing resumes.
 */
class SharedRateLimitThroughGatewaysIT {

    private static final int AGENTS = 3;
    private static final int THREADS_PER_AGENT = 4;

    @TempDir
    static Path dir;

    static EmbeddedRedis redis;
    static RecordingUpstream upstream;
    static final List<DataPlaneServer> gateways = new ArrayList<>();
    static final List<RawMcp> clients = new ArrayList<>();
    static final List<String> sessions = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        redis = EmbeddedRedis.start();
        upstream = RecordingUpstream.start();
        for (String tool : List.of("shared_tool", "open_tool", "closed_tool", "after_tool")) {
            upstream.addTool(tool);
        }
        McpServer server = TestBundles.server("tools", upstream.url(), List.of(), McpServer.UnboundTools.ALLOW);
        Bundle bundle = new Bundle(
                TestBundles.metadata(1),
                List.of(server),
                List.of(),
                TestBundles.scopes(),
                List.of(),
                List.of(),
                List.of(),
                List.of(
                        limit("shared", "shared_tool", 30, FailureMode.CLOSED),
                        limit("fails-open", "open_tool", 1_000, FailureMode.OPEN),
                        limit("fails-closed", "closed_tool", 1_000, FailureMode.CLOSED),
                        limit("after-restart", "after_tool", 20, FailureMode.CLOSED)),
                List.of());
        Path bundleFile = TestBundles.write(bundle, dir);
        for (int i = 0; i < AGENTS; i++) {
            DataPlaneServer gateway = DataPlaneMain.create(ConfigLoader.parse(
                    """
                    profile: test
                    bundleFile: %s
                    listener: {host: 127.0.0.1, port: 0}
                    admin: {host: 127.0.0.1, port: 0}
                    audit: {file: %s}
                    routes: {tools: {auth: off}}
                    redis: {uri: "%s", timeout: 1s}
                    """.formatted(bundleFile, dir.resolve("audit-" + i + ".jsonl"), redis.uri()), System::getenv, dir));
            gateway.start();
            gateways.add(gateway);
            RawMcp client = new RawMcp(gateway.mcpBaseUri().resolve("/mcp/tools"));
            clients.add(client);
            sessions.add(client.initialize(null));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (RawMcp client : clients) {
            client.close();
        }
        gateways.forEach(DataPlaneServer::close);
        upstream.close();
        redis.close();
    }

    private static RateLimit limit(String id, String tool, long capacity, FailureMode mode) {
        return new RateLimit(
                id,
                List.of(KeyDimension.TENANT, KeyDimension.TOOL),
                null,
                tool,
                capacity,
                1,
                Duration.ofHours(1),
                mode);
    }

    private static int call(int agent, String tool) throws Exception {
        return clients.get(agent)
                .post(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                                + "\",\"arguments\":{}}}",
                        null,
                        sessions.get(agent),
                        Map.of("MCP-Protocol-Version", "2025-11-25"))
                .status();
    }

    /** Every agent's threads call {@code tool} at once; returns how many calls got 200. */
    private static int admittedUnderLoad(String tool, int attemptsPerThread) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(AGENTS * THREADS_PER_AGENT);
        try {
            CountDownLatch go = new CountDownLatch(1);
            AtomicInteger admitted = new AtomicInteger();
            List<Future<?>> futures = new ArrayList<>();
            for (int agent = 0; agent < AGENTS; agent++) {
                int a = agent;
                for (int t = 0; t < THREADS_PER_AGENT; t++) {
                    futures.add(pool.submit(() -> {
                        go.await();
                        for (int i = 0; i < attemptsPerThread; i++) {
                            int status = call(a, tool);
                            if (status == 200) {
                                admitted.incrementAndGet();
                            } else {
                                assertThat(status).isIn(429, 503);
                            }
                        }
                        return null;
                    }));
                }
            }
            go.countDown();
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
            return admitted.get();
        } finally {
            pool.shutdownNow();
        }
    }

    private static long closedFailures() {
        return gateways.stream()
                .mapToLong(g -> g.policy().rateLimits().backendFailures().get(FailureMode.CLOSED))
                .sum();
    }

    @Test
    void threeAgentsShareOneBucketThenFollowTheFailureModeThenShareAgain() throws Exception {
        // 3 agents x 4 threads x 6 calls = 72 attempts on one shared bucket of 30
        long failures = closedFailures();
        int admitted = admittedUnderLoad("shared_tool", 6);
        long timeouts = closedFailures() - failures;
        assertThat(admitted)
                .as("admitted with %d Redis timeouts", timeouts)
                .isLessThanOrEqualTo(30)
                .isGreaterThanOrEqualTo((int) (30 - timeouts));
        for (int agent = 0; agent < AGENTS; agent++) {
            assertThat(call(agent, "shared_tool")).isEqualTo(429);
        }

        redis.stop();
        for (int agent = 0; agent < AGENTS; agent++) {
            assertThat(call(agent, "open_tool")).as("fails open").isEqualTo(200);
            RawMcp.Reply closed = clients.get(agent)
                    .post(
                            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":"
                                    + "\"closed_tool\",\"arguments\":{}}}",
                            null,
                            sessions.get(agent),
                            Map.of("MCP-Protocol-Version", "2025-11-25"));
            assertThat(closed.status()).as("fails closed").isEqualTo(503);
            assertThat(closed.json().at("/error/data/error").asText()).isEqualTo("RATE_LIMIT_BACKEND_UNAVAILABLE");
            assertThat(closed.header("Retry-After")).isEqualTo("1");
        }
        String metrics = clients.get(0)
                .get(gateways.get(0).adminBaseUri().resolve("/metrics"))
                .body();
        assertThat(metrics).contains("gatehouse_dp_ratelimit_backend_unavailable_open 1.0");
        assertThat(metrics).contains("gatehouse_dp_ratelimit_backend_unavailable_closed 1.0");

        redis.restart();
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    for (int agent = 0; agent < AGENTS; agent++) {
                        assertThat(call(agent, "closed_tool")).isEqualTo(200);
                    }
                });
        failures = closedFailures();
        int after = admittedUnderLoad("after_tool", 4); // 48 attempts on a shared bucket of 20
        timeouts = closedFailures() - failures;
        assertThat(after)
                .as("admitted after the restart with %d Redis timeouts", timeouts)
                .isLessThanOrEqualTo(20)
                .isGreaterThanOrEqualTo((int) (20 - timeouts));
    }
}
