package io.gatehouse.controlplane.bundle;

import io.gatehouse.controlplane.domain.policy.PolicyBundleMapping;
import io.gatehouse.protocol.api.ClaimMappings;
import io.gatehouse.protocol.api.IdentityProvider;
import io.gatehouse.protocol.api.Introspection;
import io.gatehouse.protocol.api.KillSwitch;
import io.gatehouse.protocol.api.Policy;
import io.gatehouse.protocol.api.RateLimit;
import io.gatehouse.protocol.api.RedactionRule;
import io.gatehouse.protocol.api.Scope;
import io.gatehouse.protocol.api.Server;
import io.gatehouse.protocol.api.ServerStatus;
import io.gatehouse.protocol.api.ToolBinding;
import io.gatehouse.protocol.api.Transport;
import io.gatehouse.protocol.api.UpstreamAuth;
import io.gatehouse.protocol.api.UpstreamAuthType;
import io.gatehouse.protocol.bundle.McpServer;
import io.gatehouse.protocol.bundle.PolicyRule;
import io.gatehouse.protocol.bundle.SecretRef;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One mapping per resource type from the API representation ({@code protocol.api}) to the bundle record
 * ({@code protocol.bundle}). Secrets never appear: upstream and introspection credentials are {@link SecretRef}s.
 * A value the bundle schema cannot express throws {@link IllegalArgumentException} (the compiler decides whether
 * that excludes the resource or fails the whole bundle).
 */
public final class BundleMapping {

    /** Token algorithms accepted from every identity provider (asymmetric only; the API has no per-issuer list). */
    static final List<String> ALGORITHMS =
            List.copyOf(new TreeSet<>(io.gatehouse.protocol.bundle.IdentityProvider.ALLOWED_ALGORITHMS));

    private BundleMapping() {}

    /** The route's RFC 8707 resource URI: {@code {publicBaseUrl}/mcp/{slug}}. */
    public static URI resourceUri(String publicBaseUrl, String slug) {
        String base =
                publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
        return URI.create(base + "/mcp/" + slug);
    }

    /**
     * A registered server. Only {@code approved} servers serve traffic ({@code active}); pending and blocked ones
     * are in the bundle as {@code disabled} routes (503), so a client sees a clear answer.
     */
    public static McpServer server(Server s, String publicBaseUrl) {
        if (s.transport() != null && s.transport() != Transport.STREAMABLE_HTTP) {
            throw new IllegalArgumentException(
                    "transport: '" + s.transport() + "' is not proxied by the data plane (expected: streamable-http)");
        }
        return new McpServer(
                s.id(),
                s.name(),
                s.slug(),
                URI.create(s.upstreamUrl()),
                McpServer.Transport.STREAMABLE_HTTP,
                resourceUri(publicBaseUrl, s.slug()),
                s.allowedOrigins(),
                List.of(),
                List.of(),
                McpServer.UnboundTools.ALLOW,
                upstreamAuth(s.upstreamAuth(), s.upstreamUrl()),
                s.status() == ServerStatus.APPROVED ? McpServer.Status.ACTIVE : McpServer.Status.DISABLED);
    }

    /** How the data plane authenticates to the upstream; the secret stays a reference. */
    public static io.gatehouse.protocol.bundle.UpstreamAuth upstreamAuth(UpstreamAuth auth, String upstreamUrl) {
        if (auth == null || auth.type() == null || auth.type() == UpstreamAuthType.NONE) {
            return new io.gatehouse.protocol.bundle.UpstreamAuth.None();
        }
        SecretRef secret = secretRef(auth.secretRef(), "upstreamAuth.secretRef");
        List<String> scopes = auth.scopes() == null ? List.of() : auth.scopes();
        return switch (auth.type()) {
            case API_KEY ->
                new io.gatehouse.protocol.bundle.UpstreamAuth.StaticHeader(
                        auth.header() == null ? "X-API-Key" : auth.header(), "", secret);
            case BEARER ->
                new io.gatehouse.protocol.bundle.UpstreamAuth.StaticHeader(
                        auth.header() == null ? "Authorization" : auth.header(), "Bearer ", secret);
            case OAUTH2_CLIENT_CREDENTIALS ->
                new io.gatehouse.protocol.bundle.UpstreamAuth.ClientCredentials(
                        URI.create(auth.tokenUrl()), auth.clientId(), secret, scopes, null);
            case TOKEN_EXCHANGE ->
                new io.gatehouse.protocol.bundle.UpstreamAuth.TokenExchange(
                        URI.create(auth.tokenUrl()),
                        auth.clientId(),
                        secret,
                        null,
                        URI.create(upstreamUrl),
                        scopes,
                        null);
            case NONE -> throw new IllegalStateException("handled above");
        };
    }

    /**
     * An identity provider. Its API {@code audience} restricts it to one route when it names that route's resource
     * URI; otherwise it is trusted for every route (the data plane still requires {@code aud} = the route).
     */
    public static io.gatehouse.protocol.bundle.IdentityProvider identityProvider(
            IdentityProvider p, Set<URI> routeResources) {
        List<URI> audiences = List.of();
        if (p.audience() != null) {
            try {
                URI audience = URI.create(p.audience());
                if (routeResources.contains(audience)) {
                    audiences = List.of(audience);
                }
            } catch (IllegalArgumentException notAUri) {
                // an opaque audience string: no route restriction
            }
        }
        ClaimMappings claims = p.claims();
        Introspection introspection = p.introspection();
        return new io.gatehouse.protocol.bundle.IdentityProvider(
                p.id(),
                p.issuer(),
                p.jwksUri() == null ? null : URI.create(p.jwksUri()),
                p.discoveryUri() == null ? null : URI.create(p.discoveryUri()),
                audiences,
                ALGORITHMS,
                claims == null
                        ? io.gatehouse.protocol.bundle.IdentityProvider.ClaimMappings.defaults()
                        : new io.gatehouse.protocol.bundle.IdentityProvider.ClaimMappings(
                                claims.subject(), claims.groups(), claims.scopes()),
                introspection == null
                        ? null
                        : new io.gatehouse.protocol.bundle.IdentityProvider.Introspection(
                                URI.create(introspection.endpoint()),
                                introspection.clientId(),
                                secretRef(introspection.clientSecretRef(), "introspection.clientSecretRef")));
    }

    public static io.gatehouse.protocol.bundle.Scope scope(Scope s) {
        return new io.gatehouse.protocol.bundle.Scope(s.name(), blankToNull(s.description()), s.implies());
    }

    public static io.gatehouse.protocol.bundle.ToolBinding toolBinding(ToolBinding b) {
        return new io.gatehouse.protocol.bundle.ToolBinding(
                b.id(),
                b.serverId(),
                b.toolPattern(),
                b.requiredScopes(),
                io.gatehouse.protocol.bundle.ToolBinding.Risk.valueOf(b.risk().name()),
                b.guardedArguments());
    }

    /**
     * The rules of one enabled policy, in order, with global priorities from {@code firstPriority} on. Rule ids
     * become {@code {policyId}:{ruleId}} (unique across policies). Every matcher travels
     * ({@link PolicyBundleMapping#rule}, the mapping {@code policies:simulate} uses too), so the agent decides
     * exactly what a simulation answered.
     */
    public static List<PolicyRule> policyRules(Policy p, int firstPriority) {
        List<PolicyRule> rules = new ArrayList<>();
        List<io.gatehouse.protocol.api.PolicyRule> source = p.rules() == null ? List.of() : p.rules();
        for (int i = 0; i < source.size(); i++) {
            rules.add(PolicyBundleMapping.rule(p.id(), p.mode(), source.get(i), firstPriority + i));
        }
        return rules;
    }

    /**
     * A DLP rule. Schema 1 has no per-server redaction, so a rule limited to some servers applies to every server
     * (over-redacting rather than leaking).
     */
    public static io.gatehouse.protocol.bundle.RedactionRule redactionRule(RedactionRule r) {
        return new io.gatehouse.protocol.bundle.RedactionRule(
                r.id(),
                r.name(),
                r.detectors(),
                r.patterns(),
                io.gatehouse.protocol.bundle.RedactionRule.Direction.valueOf(
                        r.direction().name()),
                io.gatehouse.protocol.bundle.RedactionRule.Action.valueOf(
                        r.action().name()));
    }

    public static io.gatehouse.protocol.bundle.RateLimit rateLimit(RateLimit r) {
        return new io.gatehouse.protocol.bundle.RateLimit(
                r.id(),
                List.of(io.gatehouse.protocol.bundle.RateLimit.KeyDimension.valueOf(
                        r.key().name())),
                r.serverId(),
                r.tool(),
                r.capacity(),
                r.refillTokens(),
                Duration.ofSeconds(r.refillPeriodSeconds()),
                io.gatehouse.protocol.bundle.RateLimit.FailureMode.valueOf(
                        r.failureMode().name()));
    }

    /** An active kill switch (lifted ones are not in the bundle). */
    public static io.gatehouse.protocol.bundle.KillSwitch killSwitch(KillSwitch k) {
        return new io.gatehouse.protocol.bundle.KillSwitch(
                k.id(),
                io.gatehouse.protocol.bundle.KillSwitch.Scope.valueOf(k.scope().name()),
                k.serverId(),
                k.tool(),
                k.reason());
    }

    static SecretRef secretRef(String reference, String field) {
        if (reference == null) {
            throw new IllegalArgumentException(field + ": missing");
        }
        if (!reference.startsWith("env:") && !reference.startsWith("file:")) {
            String kind = reference.contains(":") ? reference.substring(0, reference.indexOf(':')) : reference;
            throw new IllegalArgumentException(field + ": '" + kind
                    + ":' references cannot be resolved by the data plane yet (expected: env:NAME or file:/path)");
        }
        return SecretRef.parse(reference);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
