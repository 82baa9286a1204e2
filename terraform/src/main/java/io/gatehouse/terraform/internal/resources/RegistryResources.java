package io.gatehouse.terraform.internal.resources;

import static io.gatehouse.terraform.internal.cty.CtyType.BOOL;
import static io.gatehouse.terraform.internal.cty.CtyType.NUMBER;
import static io.gatehouse.terraform.internal.cty.CtyType.STRING;
import static io.gatehouse.terraform.internal.cty.CtyType.listOf;
import static io.gatehouse.terraform.internal.cty.CtyType.mapOf;
import static io.gatehouse.terraform.internal.schema.Attribute.computed;
import static io.gatehouse.terraform.internal.schema.Attribute.optional;
import static io.gatehouse.terraform.internal.schema.Attribute.optionalComputed;
import static io.gatehouse.terraform.internal.schema.Attribute.required;

import io.gatehouse.protocol.api.ClaimMappings;
import io.gatehouse.protocol.api.IdentityProvider;
import io.gatehouse.protocol.api.IdentityProviderRequest;
import io.gatehouse.protocol.api.Introspection;
import io.gatehouse.protocol.api.Risk;
import io.gatehouse.protocol.api.Scope;
import io.gatehouse.protocol.api.ScopeRequest;
import io.gatehouse.protocol.api.Server;
import io.gatehouse.protocol.api.ServerRequest;
import io.gatehouse.protocol.api.ServerStatus;
import io.gatehouse.protocol.api.ToolBinding;
import io.gatehouse.protocol.api.ToolBindingRequest;
import io.gatehouse.protocol.api.Transport;
import io.gatehouse.protocol.api.UpstreamAuth;
import io.gatehouse.protocol.api.UpstreamAuthType;
import io.gatehouse.sdk.Gatehouse;
import io.gatehouse.terraform.internal.schema.Attribute;
import io.gatehouse.terraform.internal.schema.Block;
import java.util.List;
import java.util.Map;

/** Identity providers, MCP servers, scopes and tool bindings. */
final class RegistryResources {
    private RegistryResources() {}

    static Attribute id() {
        return computed("id", STRING, "The identifier the API assigned.");
    }

    static Attribute version() {
        return computed("version", NUMBER, "The object's version (its ETag); updates send it as If-Match.");
    }

    static ManagedResource identityProvider() {
        Block schema = new Block(
                List.of(
                        id(),
                        version(),
                        required("name", STRING, "Display name."),
                        required("issuer", STRING, "The issuer (iss) of the access tokens MCP clients present."),
                        optional(
                                "discovery_uri",
                                STRING,
                                "OpenID discovery document; exactly one of this and jwks_uri."),
                        optional("jwks_uri", STRING, "JWKS URL; exactly one of this and discovery_uri."),
                        required("audience", STRING, "The audience (aud) tokens must carry."),
                        optionalComputed("claims_subject", STRING, "Claim holding the subject (default sub)."),
                        optionalComputed("claims_groups", STRING, "Claim holding the groups (default groups)."),
                        optionalComputed("claims_scopes", STRING, "Claim holding the scopes (default scope)."),
                        optional("introspection_endpoint", STRING, "RFC 7662 introspection endpoint (optional)."),
                        optional("introspection_client_id", STRING, "Client id for introspection."),
                        optional(
                                "introspection_client_secret_ref",
                                STRING,
                                "Secret reference (env:, file:, vault:, k8s:) of the introspection client secret; never the secret.")),
                "An issuer the data planes trust for MCP clients.");
        return new CrudResource<>(
                "gatehouse_identity_provider",
                schema,
                Gatehouse::identityProviders,
                o -> new IdentityProviderRequest(
                        o.str("name"),
                        o.str("issuer"),
                        o.str("discovery_uri"),
                        o.str("jwks_uri"),
                        o.str("audience"),
                        new ClaimMappings(o.str("claims_subject"), o.str("claims_groups"), o.str("claims_scopes")),
                        o.str("introspection_endpoint") == null
                                        && o.str("introspection_client_id") == null
                                        && o.str("introspection_client_secret_ref") == null
                                ? null
                                : new Introspection(
                                        o.str("introspection_endpoint"),
                                        o.str("introspection_client_id"),
                                        o.str("introspection_client_secret_ref"))),
                (IdentityProvider r) -> {
                    ClaimMappings c = r.claims() == null ? new ClaimMappings(null, null, null) : r.claims();
                    Introspection i =
                            r.introspection() == null ? new Introspection(null, null, null) : r.introspection();
                    return new State()
                            .put("id", r.id())
                            .put("version", r.version())
                            .put("name", r.name())
                            .put("issuer", r.issuer())
                            .put("discovery_uri", r.discoveryUri())
                            .put("jwks_uri", r.jwksUri())
                            .put("audience", r.audience())
                            .put("claims_subject", c.subject())
                            .put("claims_groups", c.groups())
                            .put("claims_scopes", c.scopes())
                            .put("introspection_endpoint", i.endpoint())
                            .put("introspection_client_id", i.clientId())
                            .put("introspection_client_secret_ref", i.clientSecretRef())
                            .build();
                },
                Map.of());
    }

    static ManagedResource server() {
        Block schema = new Block(
                List.of(
                        id(),
                        version(),
                        required("name", STRING, "Display name."),
                        optionalComputed("slug", STRING, "Route name (/mcp/{slug}); derived from the name by default."),
                        required("upstream_url", STRING, "URL of the MCP server the data plane forwards to."),
                        optionalComputed(
                                        "transport",
                                        STRING,
                                        "How the data plane talks to it (default streamable-http).")
                                .oneOf("streamable-http", "sse"),
                        optionalComputed(
                                        "status",
                                        STRING,
                                        "Registry status; only approved servers are routed (default pending).")
                                .oneOf("pending", "approved", "blocked"),
                        optional("allowed_origins", listOf(STRING), "Browser origins allowed to call it."),
                        optional("labels", mapOf(STRING), "Free-form labels."),
                        optionalComputed("upstream_auth_type", STRING, "Upstream credential type (default none).")
                                .oneOf("none", "api-key", "bearer", "oauth2-client-credentials", "token-exchange"),
                        optional(
                                "upstream_auth_secret_ref",
                                STRING,
                                "Secret reference (env:, file:, vault:, k8s:) the data plane resolves; never the secret."),
                        optional("upstream_auth_header", STRING, "Header carrying an API key."),
                        optional(
                                "upstream_auth_token_url",
                                STRING,
                                "Token endpoint for OAuth2 client credentials or token exchange."),
                        optional("upstream_auth_client_id", STRING, "OAuth2 client id."),
                        optional("upstream_auth_scopes", listOf(STRING), "OAuth2 scopes to request.")),
                "An MCP server in the registry.");
        return new CrudResource<>(
                "gatehouse_mcp_server",
                schema,
                Gatehouse::servers,
                RegistryResources::serverRequest,
                RegistryResources::serverState,
                Map.of("upstreamAuth", "upstream_auth_type"));
    }

    static ServerRequest serverRequest(Obj o) {
        UpstreamAuthType type = o.enumValue("upstream_auth_type", UpstreamAuthType.class);
        UpstreamAuth auth = type == null && o.str("upstream_auth_secret_ref") == null
                ? null
                : new UpstreamAuth(
                        type == null ? UpstreamAuthType.NONE : type,
                        o.str("upstream_auth_secret_ref"),
                        o.str("upstream_auth_header"),
                        o.str("upstream_auth_token_url"),
                        o.str("upstream_auth_client_id"),
                        o.strings("upstream_auth_scopes"));
        return new ServerRequest(
                o.str("name"),
                o.str("slug"),
                o.str("upstream_url"),
                o.enumValue("transport", Transport.class),
                auth,
                o.strings("allowed_origins"),
                o.enumValue("status", ServerStatus.class),
                o.stringMap("labels"));
    }

    static Map<String, Object> serverState(Server r) {
        UpstreamAuth a = r.upstreamAuth() == null
                ? new UpstreamAuth(UpstreamAuthType.NONE, null, null, null, null, null)
                : r.upstreamAuth();
        return new State()
                .put("id", r.id())
                .put("version", r.version())
                .put("name", r.name())
                .put("slug", r.slug())
                .put("upstream_url", r.upstreamUrl())
                .put("transport", r.transport())
                .put("status", r.status())
                .put("allowed_origins", r.allowedOrigins())
                .put("labels", r.labels())
                .put("upstream_auth_type", a.type())
                .put("upstream_auth_secret_ref", a.secretRef())
                .put("upstream_auth_header", a.header())
                .put("upstream_auth_token_url", a.tokenUrl())
                .put("upstream_auth_client_id", a.clientId())
                .put("upstream_auth_scopes", a.scopes())
                .build();
    }

    static ManagedResource scope() {
        Block schema = new Block(
                List.of(
                        id(),
                        version(),
                        required("name", STRING, "Scope name, e.g. files:write."),
                        optional("description", STRING, "What the scope grants."),
                        optional("implies", listOf(STRING), "Names of other scopes this one implies.")),
                "A scope of the tenant's catalog.");
        return new CrudResource<>(
                "gatehouse_scope",
                schema,
                Gatehouse::scopes,
                o -> new ScopeRequest(o.str("name"), o.str("description"), o.strings("implies")),
                (Scope r) -> new State()
                        .put("id", r.id())
                        .put("version", r.version())
                        .put("name", r.name())
                        .put("description", r.description())
                        .put("implies", r.implies())
                        .build(),
                Map.of());
    }

    static ManagedResource toolBinding() {
        Block schema = new Block(
                List.of(
                        id(),
                        version(),
                        required("server_id", STRING, "The MCP server whose tools this binds."),
                        required("tool_pattern", STRING, "Glob of tool names, e.g. write_*."),
                        required("required_scopes", listOf(STRING), "Scopes a caller needs for these tools."),
                        optionalComputed("risk", STRING, "Risk class (default write).")
                                .oneOf("read", "write", "destructive"),
                        optional("guarded_arguments", listOf(STRING), "Arguments the argument guards inspect.")),
                "Required scopes, risk and guarded arguments of a server's tools.");
        return new CrudResource<>(
                "gatehouse_tool_binding",
                schema,
                Gatehouse::toolBindings,
                o -> new ToolBindingRequest(
                        o.str("server_id"),
                        o.str("tool_pattern"),
                        o.strings("required_scopes"),
                        o.enumValue("risk", Risk.class),
                        o.strings("guarded_arguments")),
                (ToolBinding r) -> new State()
                        .put("id", r.id())
                        .put("version", r.version())
                        .put("server_id", r.serverId())
                        .put("tool_pattern", r.toolPattern())
                        .put("required_scopes", r.requiredScopes())
                        .put("risk", r.risk())
                        .put("guarded_arguments", r.guardedArguments())
                        .build(),
                Map.of());
    }

    static Attribute flag(String name, String description) {
        return optionalComputed(name, BOOL, description);
    }
}
