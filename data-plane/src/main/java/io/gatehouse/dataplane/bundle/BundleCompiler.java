package io.gatehouse.dataplane.bundle;

import io.gatehouse.dataplane.auth.IssuerSettings;
import io.gatehouse.dataplane.auth.TokenVerifier;
import io.gatehouse.dataplane.config.DataPlaneConfig;
import io.gatehouse.dataplane.upstream.UpstreamCredential;
import io.gatehouse.dataplane.upstream.UpstreamCredentialException;
import io.gatehouse.protocol.bundle.Bundle;
import io.gatehouse.protocol.bundle.BundleCodec;
import io.gatehouse.protocol.bundle.IdentityProvider;
import io.gatehouse.protocol.bundle.KillSwitch;
import io.gatehouse.protocol.bundle.McpServer;
import io.gatehouse.protocol.bundle.ToolBinding;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a validated bundle plus the agent's config into the {@link ActiveBundle} the proxy uses. */
public final class BundleCompiler {

    private static final Logger LOG = LoggerFactory.getLogger(BundleCompiler.class);

    private final DataPlaneConfig config;
    private final TokenVerifierFactory verifiers;
    private final UpstreamCredentialFactory credentials;

    public BundleCompiler(
            DataPlaneConfig config, TokenVerifierFactory verifiers, UpstreamCredentialFactory credentials) {
        this.config = config;
        this.verifiers = verifiers;
        this.credentials = credentials;
    }

    public ActiveBundle compile(Bundle bundle) {
        ScopeCatalog scopes = new ScopeCatalog(bundle.scopes());
        Map<String, Route> routes = new HashMap<>();
        for (McpServer server : bundle.servers()) {
            routes.put(server.slug(), route(bundle, server, scopes));
        }
        for (String slug : config.routes().keySet()) {
            if (!routes.containsKey(slug)) {
                LOG.warn(
                        "config routes.{}: no server with this slug in bundle version {}",
                        slug,
                        bundle.metadata().version());
            }
        }
        TokenVerifier verifier = bundle.identityProviders().isEmpty()
                ? null
                : verifiers.create(bundle.identityProviders().stream()
                        .map(BundleCompiler::issuerSettings)
                        .toList());
        return new ActiveBundle(bundle.metadata(), BundleCodec.sha256Hex(bundle), routes, verifier, bundle);
    }

    private Route route(Bundle bundle, McpServer server, ScopeCatalog scopes) {
        URI resource = server.resourceUri();
        Set<String> hosts = new LinkedHashSet<>();
        hosts.add(resource.getRawAuthority().toLowerCase(Locale.ROOT));
        server.allowedHosts().forEach(h -> hosts.add(h.toLowerCase(Locale.ROOT)));
        Set<String> origins = new LinkedHashSet<>();
        origins.add((resource.getScheme() + "://" + resource.getRawAuthority()).toLowerCase(Locale.ROOT));
        server.allowedOrigins().forEach(o -> origins.add(o.toLowerCase(Locale.ROOT)));

        List<String> issuers = new ArrayList<>();
        for (IdentityProvider idp : bundle.identityProviders()) {
            if (idp.audiences().isEmpty() || idp.audiences().contains(resource)) {
                issuers.add(idp.issuer());
            }
        }
        List<ToolBinding> bindings = bundle.toolBindings().stream()
                .filter(b -> b.serverId().equals(server.id()))
                .toList();
        Set<String> supported = new TreeSet<>(server.requiredScopes());
        bindings.forEach(b -> supported.addAll(b.requiredScopes()));
        List<KillSwitch> kills = bundle.killSwitches().stream()
                .filter(k -> k.scope() == KillSwitch.Scope.TENANT || server.id().equals(k.serverId()))
                .toList();

        UpstreamCredential credential = null;
        String problem = null;
        try {
            credential = credentials.create(server.id(), server.upstreamAuth());
        } catch (UpstreamCredentialException | RuntimeException e) {
            problem = e.getMessage();
            LOG.error("route {}: upstream credential unavailable, calls fail closed: {}", server.slug(), problem);
        }
        return new Route(
                server,
                config.authFor(server.slug()),
                Set.copyOf(origins),
                Set.copyOf(hosts),
                List.copyOf(issuers),
                List.copyOf(supported),
                credential,
                problem,
                bindings,
                scopes,
                kills);
    }

    static IssuerSettings issuerSettings(IdentityProvider idp) {
        IssuerSettings.Introspection introspection = idp.introspection() == null
                ? null
                : new IssuerSettings.Introspection(
                        idp.introspection().endpoint(),
                        idp.introspection().clientId(),
                        idp.introspection().clientSecret().toString());
        return new IssuerSettings(
                idp.issuer(),
                idp.jwksUri(),
                idp.discoveryUri(),
                Set.copyOf(idp.algorithms()),
                null,
                idp.claimMappings().subject(),
                idp.claimMappings().groups(),
                idp.claimMappings().scopes(),
                introspection);
    }
}
