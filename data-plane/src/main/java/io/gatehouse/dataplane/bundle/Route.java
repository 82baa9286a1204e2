package io.gatehouse.dataplane.bundle;

import io.gatehouse.dataplane.config.DataPlaneConfig.AuthMode;
import io.gatehouse.dataplane.upstream.UpstreamCredential;
import io.gatehouse.protocol.bundle.KillSwitch;
import io.gatehouse.protocol.bundle.McpServer;
import io.gatehouse.protocol.bundle.ToolBinding;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One MCP server as the proxy serves it: compiled from the bundle and the agent's config.
 *
 * @param server the bundle's definition
 * @param authMode whether callers must authenticate
 * @param allowedOrigins Origins accepted (lower case)
 * @param allowedHosts Host values accepted (lower case; includes the resource URI's authority)
 * @param trustedIssuers issuers whose tokens are accepted on this route
 * @param scopesSupported scopes published in the Protected Resource Metadata
 * @param credential the upstream credential, or null when it could not be built
 * @param credentialProblem why the credential could not be built, or null
 * @param bindings the tool bindings of this server
 * @param scopes the tenant's scope catalog
 * @param killSwitches kill switches that concern this route (tenant-wide, this server, its tools)
 */
public record Route(
        McpServer server,
        AuthMode authMode,
        Set<String> allowedOrigins,
        Set<String> allowedHosts,
        List<String> trustedIssuers,
        List<String> scopesSupported,
        UpstreamCredential credential,
        String credentialProblem,
        List<ToolBinding> bindings,
        ScopeCatalog scopes,
        List<KillSwitch> killSwitches) {

    public static final String PRM_PATH = "/.well-known/oauth-protected-resource";

    public String slug() {
        return server.slug();
    }

    /** A key that changes when the route's identity changes (sessions are bound to it). */
    public String key() {
        return server.id() + "|" + server.resourceUri();
    }

    public String resource() {
        return server.resourceUri().toString();
    }

    public URI upstreamUrl() {
        return server.upstreamUrl();
    }

    /** {@link #metadataUrl()} as a URI, for {@code WWW-Authenticate} challenges. */
    public URI metadataUri() {
        return URI.create(metadataUrl());
    }

    /** The path-inserted RFC 9728 metadata URL of this route. */
    public String metadataUrl() {
        URI r = server.resourceUri();
        String authority = r.getRawAuthority();
        String path = r.getRawPath() == null ? "" : r.getRawPath();
        return r.getScheme() + "://" + authority + PRM_PATH + path;
    }

    /** The scopes a call to {@code tool} needs, or empty when the tool may not be called at all. */
    public Optional<Set<String>> requiredScopesForTool(String tool) {
        Set<String> required = new LinkedHashSet<>(server.requiredScopes());
        boolean bound = false;
        for (ToolBinding binding : bindings) {
            if (binding.matches(tool)) {
                bound = true;
                required.addAll(binding.requiredScopes());
            }
        }
        if (!bound && server.unboundTools() == McpServer.UnboundTools.DENY) {
            return Optional.empty();
        }
        return Optional.of(required);
    }

    /** True when a caller holding {@code effectiveScopes} may call {@code tool}. */
    public boolean mayCall(Set<String> effectiveScopes, String tool) {
        return killSwitchFor(tool).isEmpty()
                && requiredScopesForTool(tool).map(effectiveScopes::containsAll).orElse(false);
    }

    /** The kill switch that stops the whole route, if any. */
    public Optional<KillSwitch> routeKillSwitch() {
        return killSwitches.stream()
                .filter(k -> k.scope() != KillSwitch.Scope.TOOL)
                .findFirst();
    }

    /** The kill switch that stops calls of {@code tool} (route-wide ones included), if any. */
    public Optional<KillSwitch> killSwitchFor(String tool) {
        return killSwitches.stream()
                .filter(k ->
                        k.scope() != KillSwitch.Scope.TOOL || io.gatehouse.protocol.bundle.Glob.matches(k.tool(), tool))
                .findFirst();
    }

    public boolean allowsHost(String host) {
        return allowedHosts.contains(host.toLowerCase(Locale.ROOT));
    }

    public boolean allowsOrigin(String origin) {
        return allowedOrigins.contains(origin.toLowerCase(Locale.ROOT));
    }
}
