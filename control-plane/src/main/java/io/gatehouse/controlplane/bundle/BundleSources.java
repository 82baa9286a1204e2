package io.gatehouse.controlplane.bundle;

import io.gatehouse.controlplane.domain.registry.ServerPins;
import io.gatehouse.protocol.api.IdentityProvider;
import io.gatehouse.protocol.api.KillSwitch;
import io.gatehouse.protocol.api.Policy;
import io.gatehouse.protocol.api.RateLimit;
import io.gatehouse.protocol.api.RedactionRule;
import io.gatehouse.protocol.api.Scope;
import io.gatehouse.protocol.api.Server;
import io.gatehouse.protocol.api.ToolBinding;
import java.util.List;
import java.util.Map;

/**
 * Everything of one tenant that goes into its bundles, as the API represents it (so the compiler is testable
 * without a database). Order does not matter: the compiler sorts.
 */
public record BundleSources(
        List<Server> servers,
        List<IdentityProvider> identityProviders,
        List<Scope> scopes,
        List<ToolBinding> toolBindings,
        List<Policy> policies,
        List<RedactionRule> redactionRules,
        List<RateLimit> rateLimits,
        List<KillSwitch> killSwitches,
        Map<String, ServerPins> pins) {

    /** Sources without tool pins: every server is compiled as unmanaged (approval from its status only). */
    public BundleSources(
            List<Server> servers,
            List<IdentityProvider> identityProviders,
            List<Scope> scopes,
            List<ToolBinding> toolBindings,
            List<Policy> policies,
            List<RedactionRule> redactionRules,
            List<RateLimit> rateLimits,
            List<KillSwitch> killSwitches) {
        this(
                servers,
                identityProviders,
                scopes,
                toolBindings,
                policies,
                redactionRules,
                rateLimits,
                killSwitches,
                Map.of());
    }

    public BundleSources {
        servers = List.copyOf(servers);
        identityProviders = List.copyOf(identityProviders);
        scopes = List.copyOf(scopes);
        toolBindings = List.copyOf(toolBindings);
        policies = List.copyOf(policies);
        redactionRules = List.copyOf(redactionRules);
        rateLimits = List.copyOf(rateLimits);
        killSwitches = List.copyOf(killSwitches);
        pins = Map.copyOf(pins);
    }

    public static BundleSources empty() {
        return new BundleSources(
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }
}
