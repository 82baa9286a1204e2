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
import io.gatehouse.protocol.bundle.Bundle;
import io.gatehouse.protocol.bundle.BundleCodec;
import io.gatehouse.protocol.bundle.BundleMetadata;
import io.gatehouse.protocol.bundle.McpServer;
import io.gatehouse.protocol.bundle.PolicyRule;
import io.gatehouse.protocol.signing.Digests;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Compiles a tenant's desired state ({@link BundleSources}) into the complete, canonical bundle of one data-plane
 * group. Deterministic: the same sources give byte-identical canonical JSON (every section sorted by id).
 *
 * <p>Failure policy, so that a mistake never widens access: a server or identity provider the bundle cannot
 * express is left out (an unrouted server or an untrusted issuer fails closed) together with the bindings, limits,
 * kill switches and policy targets that concern only that server, and the exclusion is reported as a warning;
 * anything else that cannot be expressed (a policy matcher, a binding, a redaction rule, a rate limit) fails the
 * whole compile with {@link CompileException}, and the agents keep enforcing the previous bundle.
 */
public final class BundleCompiler {

    /** The section hash of a bundle is computed under this placeholder metadata (version/time independent). */
    private static final Instant EPOCH = Instant.EPOCH;

    /** A compiled bundle: the record, its canonical bytes, their hash and what was left out. */
    public record Compiled(
            Bundle bundle, byte[] content, String sha256, String sectionsSha256, List<String> warnings) {}

    /**
     * @param tenantId the tenant
     * @param groupId the data-plane group (the bundle audience)
     * @param publicBaseUrl the group's public base URL (resource URIs are {@code {base}/mcp/{slug}})
     */
    public Compiled compile(
            String tenantId,
            String groupId,
            String publicBaseUrl,
            BundleSources sources,
            long version,
            Instant issuedAt,
            Instant expiresAt)
            throws CompileException {
        List<String> warnings = new ArrayList<>();
        List<McpServer> servers = new ArrayList<>();
        Set<String> routed = new HashSet<>();
        for (Server s : sorted(sources.servers(), Server::id)) {
            try {
                McpServer server = BundleMapping.server(s, publicBaseUrl);
                ServerPins pins = sources.pins().get(s.id());
                servers.add(pins == null ? server : pins.applyTo(server));
                routed.add(s.id());
            } catch (IllegalArgumentException e) {
                warnings.add("server '" + s.slug() + "' (" + s.id() + ") left out: " + e.getMessage());
            }
        }
        Set<URI> resources = new HashSet<>();
        servers.forEach(s -> resources.add(s.resourceUri()));

        List<io.gatehouse.protocol.bundle.IdentityProvider> providers = new ArrayList<>();
        for (IdentityProvider p : sorted(sources.identityProviders(), IdentityProvider::id)) {
            try {
                providers.add(BundleMapping.identityProvider(p, resources));
            } catch (IllegalArgumentException e) {
                warnings.add("identity provider '" + p.name() + "' (" + p.id() + ") left out: " + e.getMessage());
            }
        }
        List<io.gatehouse.protocol.bundle.Scope> scopes = new ArrayList<>();
        for (Scope s : sorted(sources.scopes(), Scope::name)) {
            scopes.add(map("scopes[" + s.name() + "]", () -> BundleMapping.scope(s)));
        }
        List<io.gatehouse.protocol.bundle.ToolBinding> bindings = new ArrayList<>();
        for (ToolBinding b : sorted(sources.toolBindings(), ToolBinding::id)) {
            if (routed.contains(b.serverId())) {
                bindings.add(map("toolBindings[" + b.id() + "]", () -> BundleMapping.toolBinding(b)));
            }
        }
        List<PolicyRule> rules = new ArrayList<>();
        List<Policy> policies = new ArrayList<>(sources.policies());
        policies.removeIf(p -> !p.enabled());
        policies.sort(Comparator.comparingInt(Policy::priority).thenComparing(Policy::id));
        for (Policy p : policies) {
            List<PolicyRule> mapped =
                    map("policies[" + p.name() + "]", () -> BundleMapping.policyRules(p, rules.size()));
            for (PolicyRule rule : mapped) {
                PolicyRule kept = withRoutedServers(rule, routed);
                if (kept != null) {
                    rules.add(with(kept, rules.size(), kept.serverIds()));
                }
            }
        }
        List<io.gatehouse.protocol.bundle.RedactionRule> redactions = new ArrayList<>();
        for (RedactionRule r : sorted(sources.redactionRules(), RedactionRule::id)) {
            redactions.add(map("redactionRules[" + r.name() + "]", () -> BundleMapping.redactionRule(r)));
        }
        List<io.gatehouse.protocol.bundle.RateLimit> limits = new ArrayList<>();
        for (RateLimit r : sorted(sources.rateLimits(), RateLimit::id)) {
            if (r.serverId() == null || routed.contains(r.serverId())) {
                limits.add(map("rateLimits[" + r.name() + "]", () -> BundleMapping.rateLimit(r)));
            }
        }
        List<io.gatehouse.protocol.bundle.KillSwitch> kills = new ArrayList<>();
        for (KillSwitch k : sorted(sources.killSwitches(), KillSwitch::id)) {
            if (k.active() && (k.serverId() == null || routed.contains(k.serverId()))) {
                kills.add(map("killSwitches[" + k.id() + "]", () -> BundleMapping.killSwitch(k)));
            }
        }
        Bundle bundle;
        Bundle placeholder;
        try {
            BundleMetadata metadata =
                    new BundleMetadata(tenantId, groupId, version, BundleMetadata.SCHEMA_VERSION, issuedAt, expiresAt);
            bundle = new Bundle(metadata, servers, providers, scopes, bindings, rules, redactions, limits, kills);
            placeholder = withMetadata(bundle, placeholderMetadata(tenantId, groupId));
        } catch (IllegalArgumentException e) {
            throw new CompileException("bundle: " + e.getMessage());
        }
        return finish(bundle, placeholder, warnings);
    }

    /** The same sections under new metadata: how a rollback republishes old content under a higher version. */
    public Compiled recompose(Bundle old, long version, Instant issuedAt, Instant expiresAt) {
        BundleMetadata m = old.metadata();
        Bundle bundle = withMetadata(
                old, new BundleMetadata(m.tenantId(), m.group(), version, m.schemaVersion(), issuedAt, expiresAt));
        return finish(bundle, withMetadata(old, placeholderMetadata(m.tenantId(), m.group())), List.of());
    }

    /** SHA-256 (base64url) of the sections only: equal for two bundles that enforce exactly the same thing. */
    public static String sectionsSha256(Bundle bundle) {
        BundleMetadata m = bundle.metadata();
        return Digests.sha256Base64Url(
                BundleCodec.canonicalJson(withMetadata(bundle, placeholderMetadata(m.tenantId(), m.group()))));
    }

    private static Compiled finish(Bundle bundle, Bundle placeholder, List<String> warnings) {
        byte[] content = BundleCodec.canonicalJson(bundle);
        return new Compiled(
                bundle,
                content,
                Digests.sha256Base64Url(content),
                Digests.sha256Base64Url(BundleCodec.canonicalJson(placeholder)),
                List.copyOf(warnings));
    }

    private static BundleMetadata placeholderMetadata(String tenantId, String groupId) {
        return new BundleMetadata(tenantId, groupId, 1, BundleMetadata.SCHEMA_VERSION, EPOCH, EPOCH.plusSeconds(1));
    }

    static Bundle withMetadata(Bundle b, BundleMetadata metadata) {
        return new Bundle(
                metadata,
                b.servers(),
                b.identityProviders(),
                b.scopes(),
                b.toolBindings(),
                b.policies(),
                b.redactionRules(),
                b.rateLimits(),
                b.killSwitches());
    }

    /** Drops target servers that are not routed; a rule whose targets were all unrouted is dropped entirely. */
    private static PolicyRule withRoutedServers(PolicyRule rule, Set<String> routed) {
        if (rule.serverIds().isEmpty()) {
            return rule;
        }
        List<String> kept = rule.serverIds().stream().filter(routed::contains).toList();
        if (kept.isEmpty()) {
            return null;
        }
        return with(rule, rule.priority(), kept);
    }

    /** {@code rule} at another priority and for other servers, every other field kept. */
    private static PolicyRule with(PolicyRule rule, int priority, List<String> serverIds) {
        return new PolicyRule(
                rule.id(),
                priority,
                rule.effect(),
                rule.mode(),
                rule.description(),
                serverIds,
                rule.toolPatterns(),
                rule.methods(),
                rule.groups(),
                rule.condition(),
                rule.users(),
                rule.clients(),
                rule.claims(),
                rule.resourcePatterns(),
                rule.sourceCidrs(),
                rule.timeWindows(),
                rule.headers());
    }

    private static <T> List<T> sorted(List<T> items, Function<T, String> key) {
        List<T> copy = new ArrayList<>(items);
        copy.sort(Comparator.comparing(key));
        return copy;
    }

    private interface Mapping<T> {
        T get();
    }

    private static <T> T map(String where, Mapping<T> mapping) throws CompileException {
        try {
            return mapping.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new CompileException(where + ": " + e.getMessage());
        }
    }
}
