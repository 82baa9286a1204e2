package io.gatehouse.dataplane.support;

import io.gatehouse.protocol.bundle.Bundle;
import io.gatehouse.protocol.bundle.BundleCodec;
import io.gatehouse.protocol.bundle.BundleMetadata;
import io.gatehouse.protocol.bundle.IdentityProvider;
import io.gatehouse.protocol.bundle.KillSwitch;
import io.gatehouse.protocol.bundle.McpServer;
import io.gatehouse.protocol.bundle.Scope;
import io.gatehouse.protocol.bundle.ToolBinding;
import io.gatehouse.protocol.bundle.UpstreamAuth;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Builds bundles for tests, in the same model the control plane signs. */
public final class TestBundles {

    private TestBundles() {}

    public static BundleMetadata metadata(long version) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return new BundleMetadata("t-test", "default", version, 1, now, now.plus(30, ChronoUnit.DAYS));
    }

    public static McpServer server(
            String slug, URI upstream, List<String> requiredScopes, McpServer.UnboundTools unbound) {
        return server(slug, upstream, requiredScopes, unbound, new UpstreamAuth.None());
    }

    public static McpServer server(
            String slug,
            URI upstream,
            List<String> requiredScopes,
            McpServer.UnboundTools unbound,
            UpstreamAuth upstreamAuth) {
        return new McpServer(
                "srv-" + slug,
                "Server " + slug,
                slug,
                upstream,
                McpServer.Transport.STREAMABLE_HTTP,
                URI.create("http://127.0.0.1:9090/mcp/" + slug),
                List.of("https://app.example"),
                List.of(),
                requiredScopes,
                unbound,
                upstreamAuth,
                McpServer.Status.ACTIVE);
    }

    public static IdentityProvider idp(String issuer, URI jwks) {
        return new IdentityProvider(
                "idp-test",
                issuer,
                jwks,
                null,
                List.of(),
                List.of("ES256"),
                IdentityProvider.ClaimMappings.defaults(),
                null);
    }

    public static List<Scope> scopes() {
        return List.of(
                new Scope("mcp:connect", "use the gateway", List.of()),
                new Scope("files:read", "read", List.of("mcp:connect")),
                new Scope("files:write", "write", List.of("files:read")));
    }

    public static ToolBinding binding(String id, String serverId, String pattern, List<String> scopes) {
        return new ToolBinding(id, serverId, pattern, scopes, ToolBinding.Risk.READ, List.of());
    }

    public static Bundle bundle(
            long version,
            List<McpServer> servers,
            List<IdentityProvider> idps,
            List<ToolBinding> bindings,
            List<KillSwitch> kills) {
        return new Bundle(metadata(version), servers, idps, scopes(), bindings, List.of(), List.of(), List.of(), kills);
    }

    public static Path write(Bundle bundle, Path folder) throws IOException {
        Path file = folder.resolve("bundle-v" + bundle.metadata().version() + ".json");
        Files.write(file, BundleCodec.canonicalJson(bundle));
        return file;
    }
}
