package io.gatehouse.dataplane.fleet;

import com.nimbusds.jose.jwk.ECKey;
import io.gatehouse.dataplane.bundle.BundleCompiler;
import io.gatehouse.dataplane.bundle.BundleStore;
import io.gatehouse.dataplane.config.ConfigLoader;
import io.gatehouse.dataplane.config.DataPlaneConfig;
import io.gatehouse.protocol.bundle.Bundle;
import io.gatehouse.protocol.bundle.BundleCodec;
import io.gatehouse.protocol.bundle.BundleMetadata;
import io.gatehouse.protocol.bundle.McpServer;
import io.gatehouse.protocol.bundle.Scope;
import io.gatehouse.protocol.bundle.ToolBinding;
import io.gatehouse.protocol.bundle.UpstreamAuth;
import io.gatehouse.protocol.signing.BundleRequest;
import io.gatehouse.protocol.signing.BundleSigner;
import io.gatehouse.protocol.signing.KeyRing;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Bundles signed the way the control plane signs them, for the fleet tests. */
final class FleetFixtures {

    static final BundleSigner SIGNER = new BundleSigner("cp-test");

    private FleetFixtures() {}

    static KeyRing ring(String tenant) {
        return KeyRing.create(tenant, KeyRing.generateKey(), Instant.now().minusSeconds(60), Duration.ZERO);
    }

    /**
     * A bundle with one route {@code tools} (auth off in the test config) to {@code upstream}; unbound tools are
     * denied, and {@code boundTools} are allowed without scopes.
     */
    static Bundle bundle(String tenant, String group, long version, URI upstream, List<String> boundTools) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        McpServer server = new McpServer(
                "srv-tools",
                "Tools",
                "tools",
                upstream,
                McpServer.Transport.STREAMABLE_HTTP,
                URI.create("http://127.0.0.1:9090/mcp/tools"),
                List.of(),
                List.of(),
                List.of(),
                McpServer.UnboundTools.DENY,
                new UpstreamAuth.None(),
                McpServer.Status.ACTIVE);
        List<ToolBinding> bindings = new ArrayList<>();
        for (String tool : boundTools) {
            bindings.add(new ToolBinding("b-" + tool, server.id(), tool, List.of(), ToolBinding.Risk.READ, List.of()));
        }
        return new Bundle(
                new BundleMetadata(tenant, group, version, 1, now, now.plus(30, ChronoUnit.DAYS)),
                List.of(server),
                List.of(),
                List.of(new Scope("mcp:connect", "use the gateway", List.of())),
                bindings,
                List.of(),
                List.of(),
                List.of(),
                List.of());
    }

    /** Signs {@code bundle} with the ring's active key, claims taken from the bundle, valid for 30 days. */
    static String sign(KeyRing ring, Bundle bundle) {
        Instant now = Instant.now();
        return sign(ring.activeKey(), bundle, bundle.metadata().tenantId(), now, now.plus(30, ChronoUnit.DAYS));
    }

    static String sign(ECKey key, Bundle bundle, String tenantClaim, Instant issuedAt, Instant expiresAt) {
        BundleMetadata meta = bundle.metadata();
        return SIGNER.sign(
                new BundleRequest(
                        BundleCodec.canonicalJson(bundle),
                        tenantClaim,
                        meta.group(),
                        meta.version(),
                        1,
                        issuedAt,
                        expiresAt),
                key);
    }

    /** A bundle store compiling the way the agent does, for a test-profile config with route {@code tools} open. */
    static BundleStore store(Path stateDir, Clock clock) throws Exception {
        DataPlaneConfig config = ConfigLoader.parse("""
                profile: test
                fleet: {stateDir: %s}
                routes: {tools: {auth: off}}
                """.formatted(stateDir), name -> null, stateDir);
        return new BundleStore(new BundleCompiler(config, idps -> null, (id, auth) -> null), clock);
    }
}
