package io.gatehouse.controlplane.bundle;

import io.gatehouse.protocol.api.IdentityProvider;
import io.gatehouse.protocol.api.KillSwitch;
import io.gatehouse.protocol.api.Policy;
import io.gatehouse.protocol.api.RateLimit;
import io.gatehouse.protocol.api.RedactionRule;
import io.gatehouse.protocol.api.Scope;
import io.gatehouse.protocol.api.Server;
import io.gatehouse.protocol.api.ToolBinding;
import java.util.List;

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
        List<KillSwitch> killSwitches) {

    public BundleSources {
        servers = List.copyOf(servers);
        identityProviders = List.copyOf(identityProviders);
        scopes = List.copyOf(scopes);
        toolBindings = List.copyOf(toolBindings);
        policies = List.copyOf(policies);
        redactionRules = List.copyOf(redactionRules);
        rateLimits = List.copyOf(rateLimits);
        killSwitches = List.copyOf(killSwitches);
    }

    public static BundleSources empty() {
        return new BundleSources(
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }
}
