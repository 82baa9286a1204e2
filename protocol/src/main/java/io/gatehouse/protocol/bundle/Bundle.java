package io.gatehouse.protocol.bundle;

import static io.gatehouse.protocol.bundle.Checks.list;
import static io.gatehouse.protocol.bundle.Checks.required;
import static io.gatehouse.protocol.bundle.Checks.unique;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A complete configuration snapshot of one tenant for one data-plane group: what the control plane
 * signs and the data plane enforces. Every list may be empty; references between sections (tool
 * binding → server, binding → scope, scope → implied scope, kill switch → server) are checked.
 * {@code policyDefault} (allow or deny, optional) is the tenant's decision when no enforcing policy
 * rule matches a call; see {@link #effectivePolicyDefault()}.
 */
public record Bundle(
        BundleMetadata metadata,
        List<McpServer> servers,
        List<IdentityProvider> identityProviders,
        List<Scope> scopes,
        List<ToolBinding> toolBindings,
        List<PolicyRule> policies,
        List<RedactionRule> redactionRules,
        List<RateLimit> rateLimits,
        List<KillSwitch> killSwitches,
        PolicyRule.Effect policyDefault) {

    /** A bundle that leaves the policy default to {@link #effectivePolicyDefault()}'s rule. */
    public Bundle(
            BundleMetadata metadata,
            List<McpServer> servers,
            List<IdentityProvider> identityProviders,
            List<Scope> scopes,
            List<ToolBinding> toolBindings,
            List<PolicyRule> policies,
            List<RedactionRule> redactionRules,
            List<RateLimit> rateLimits,
            List<KillSwitch> killSwitches) {
        this(
                metadata,
                servers,
                identityProviders,
                scopes,
                toolBindings,
                policies,
                redactionRules,
                rateLimits,
                killSwitches,
                null);
    }

    public Bundle {
        required(metadata, "metadata");
        servers = unique(list(servers, "servers"), McpServer::id, "servers (id)");
        unique(servers, McpServer::slug, "servers (slug)");
        unique(servers, McpServer::resourceUri, "servers (resourceUri)");
        identityProviders =
                unique(list(identityProviders, "identityProviders"), IdentityProvider::id, "identityProviders (id)");
        unique(identityProviders, IdentityProvider::issuer, "identityProviders (issuer)");
        scopes = unique(list(scopes, "scopes"), Scope::name, "scopes (name)");
        toolBindings = unique(list(toolBindings, "toolBindings"), ToolBinding::id, "toolBindings (id)");
        policies = unique(list(policies, "policies"), PolicyRule::id, "policies (id)");
        redactionRules = unique(list(redactionRules, "redactionRules"), RedactionRule::id, "redactionRules (id)");
        rateLimits = unique(list(rateLimits, "rateLimits"), RateLimit::id, "rateLimits (id)");
        killSwitches = unique(list(killSwitches, "killSwitches"), KillSwitch::id, "killSwitches (id)");
        checkReferences(servers, scopes, toolBindings, policies, rateLimits, killSwitches);
    }

    private static void checkReferences(
            List<McpServer> servers,
            List<Scope> scopes,
            List<ToolBinding> toolBindings,
            List<PolicyRule> policies,
            List<RateLimit> rateLimits,
            List<KillSwitch> killSwitches) {
        Set<String> serverIds = new HashSet<>();
        servers.forEach(s -> serverIds.add(s.id()));
        Set<String> scopeNames = new HashSet<>();
        scopes.forEach(s -> scopeNames.add(s.name()));
        for (Scope scope : scopes) {
            for (String implied : scope.implies()) {
                requireKnown(scopeNames, implied, "scopes[" + scope.name() + "].implies", "scope");
            }
        }
        for (McpServer server : servers) {
            for (String scope : server.requiredScopes()) {
                requireKnown(scopeNames, scope, "servers[" + server.id() + "].requiredScopes", "scope");
            }
        }
        for (ToolBinding binding : toolBindings) {
            requireKnown(serverIds, binding.serverId(), "toolBindings[" + binding.id() + "].serverId", "server");
            for (String scope : binding.requiredScopes()) {
                requireKnown(scopeNames, scope, "toolBindings[" + binding.id() + "].requiredScopes", "scope");
            }
        }
        for (PolicyRule rule : policies) {
            for (String serverId : rule.serverIds()) {
                requireKnown(serverIds, serverId, "policies[" + rule.id() + "].serverIds", "server");
            }
        }
        for (RateLimit limit : rateLimits) {
            if (limit.serverId() != null) {
                requireKnown(serverIds, limit.serverId(), "rateLimits[" + limit.id() + "].serverId", "server");
            }
        }
        for (KillSwitch kill : killSwitches) {
            if (kill.serverId() != null) {
                requireKnown(serverIds, kill.serverId(), "killSwitches[" + kill.id() + "].serverId", "server");
            }
        }
        checkNoImpliesCycle(scopes);
    }

    private static void requireKnown(Set<String> known, String value, String field, String what) {
        if (!known.contains(value)) {
            throw new IllegalArgumentException(field + ": unknown " + what + " '" + value + "'");
        }
    }

    private static void checkNoImpliesCycle(List<Scope> scopes) {
        Map<String, List<String>> graph = new HashMap<>();
        scopes.forEach(s -> graph.put(s.name(), s.implies()));
        Map<String, Integer> state = new HashMap<>();
        for (Scope start : scopes) {
            visit(start.name(), graph, state);
        }
    }

    private static void visit(String scope, Map<String, List<String>> graph, Map<String, Integer> state) {
        Integer s = state.get(scope);
        if (s != null && s == 2) {
            return;
        }
        if (s != null) {
            throw new IllegalArgumentException("scopes: 'implies' forms a cycle through '" + scope + "'");
        }
        state.put(scope, 1);
        for (String next : graph.getOrDefault(scope, List.of())) {
            visit(next, graph, state);
        }
        state.put(scope, 2);
    }

    /**
     * The decision for a call no enforcing policy rule matches: {@link #policyDefault()} when the
     * bundle states it; otherwise deny as soon as the bundle has any policy rule, and allow for a
     * bundle without rules (one that uses scopes and kill switches only).
     */
    public PolicyRule.Effect effectivePolicyDefault() {
        if (policyDefault != null) {
            return policyDefault;
        }
        return policies.isEmpty() ? PolicyRule.Effect.ALLOW : PolicyRule.Effect.DENY;
    }

    /** The server with this slug, or null. */
    public McpServer serverBySlug(String slug) {
        for (McpServer server : servers) {
            if (server.slug().equals(slug)) {
                return server;
            }
        }
        return null;
    }
}
