package io.gatehouse.controlplane;

import io.gatehouse.protocol.api.ApiTokenRequest;
import io.gatehouse.protocol.api.ClaimMappings;
import io.gatehouse.protocol.api.DataPlaneGroup;
import io.gatehouse.protocol.api.DataPlaneGroupRequest;
import io.gatehouse.protocol.api.Direction;
import io.gatehouse.protocol.api.Effect;
import io.gatehouse.protocol.api.EnrollmentTokenRequest;
import io.gatehouse.protocol.api.FailureMode;
import io.gatehouse.protocol.api.IdentityProviderRequest;
import io.gatehouse.protocol.api.InvitationRequest;
import io.gatehouse.protocol.api.KillSwitchRequest;
import io.gatehouse.protocol.api.KillSwitchScope;
import io.gatehouse.protocol.api.LimitKey;
import io.gatehouse.protocol.api.PolicyMode;
import io.gatehouse.protocol.api.PolicyRequest;
import io.gatehouse.protocol.api.PolicyRule;
import io.gatehouse.protocol.api.RateLimitRequest;
import io.gatehouse.protocol.api.RedactionAction;
import io.gatehouse.protocol.api.RedactionRuleRequest;
import io.gatehouse.protocol.api.Risk;
import io.gatehouse.protocol.api.Role;
import io.gatehouse.protocol.api.RuleConditions;
import io.gatehouse.protocol.api.RuleTargets;
import io.gatehouse.protocol.api.ScopeRequest;
import io.gatehouse.protocol.api.Server;
import io.gatehouse.protocol.api.ServerRequest;
import io.gatehouse.protocol.api.ToolBindingRequest;
import io.gatehouse.protocol.api.Transport;
import io.gatehouse.sdk.Gatehouse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Valid requests for every resource, and a tenant populated with one of each. */
final class Fixtures {
    private Fixtures() {}

    static ServerRequest server(String name) {
        return new ServerRequest(
                name,
                null,
                "https://mcp.internal/" + name.toLowerCase().replace(' ', '-'),
                Transport.STREAMABLE_HTTP,
                null,
                List.of("https://app.example.com"),
                null,
                Map.of("env", "test"));
    }

    static ScopeRequest scope(String name, String... implies) {
        return new ScopeRequest(name, "scope " + name, List.of(implies));
    }

    static ToolBindingRequest binding(String serverId, String pattern, String... scopes) {
        return new ToolBindingRequest(serverId, pattern, List.of(scopes), Risk.WRITE, List.of("path"));
    }

    static PolicyRequest policy(String name, String serverId) {
        return new PolicyRequest(
                name,
                "p",
                10,
                PolicyMode.ENFORCE,
                true,
                List.of(new PolicyRule(
                        "deny-delete",
                        "no deletes at night",
                        null,
                        new RuleTargets(List.of(serverId), List.of("delete_*"), List.of("tools/call")),
                        new RuleConditions("request.time.getHours() < 6", List.of("10.0.0.0/8"), null, null),
                        Effect.DENY)));
    }

    static RedactionRuleRequest redaction(String name) {
        return new RedactionRuleRequest(
                name, List.of("email"), List.of("sk-[a-z0-9]{20}"), Direction.BOTH, RedactionAction.MASK, null);
    }

    static RateLimitRequest rateLimit(String name, String serverId) {
        return new RateLimitRequest(name, LimitKey.PRINCIPAL, serverId, null, 100L, 100L, 60L, FailureMode.CLOSED);
    }

    static IdentityProviderRequest idp(String name) {
        return new IdentityProviderRequest(
                name,
                "https://idp.example.com/" + name,
                null,
                "https://idp.example.com/" + name + "/jwks",
                "https://mcp.example.com",
                new ClaimMappings("sub", "groups", "scope"),
                null);
    }

    /** One of every resource of a tenant, by kind. */
    record Populated(Map<String, String> ids) {
        String id(String kind) {
            return ids.get(kind);
        }
    }

    static Populated populate(Gatehouse client) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Server server = client.servers().create(server("srv " + tag));
        String scope = client.scopes().create(scope("files:read")).id();
        String binding = client.toolBindings()
                .create(binding(server.id(), "read_*", "files:read"))
                .id();
        String policy =
                client.policies().create(policy("pol " + tag, server.id())).id();
        String redaction =
                client.redactionRules().create(redaction("red " + tag)).id();
        String rateLimit =
                client.rateLimits().create(rateLimit("rl " + tag, server.id())).id();
        String killSwitch = client.killSwitches()
                .create(new KillSwitchRequest(KillSwitchScope.SERVER, server.id(), null, "incident"))
                .id();
        String idp = client.identityProviders().create(idp("idp-" + tag)).id();
        DataPlaneGroup group = client.dataPlaneGroups().create(new DataPlaneGroupRequest("grp-" + tag, null));
        String enrollment = client.enrollmentTokens()
                .create(new EnrollmentTokenRequest(group.id(), null, null))
                .id();
        String invitation = client.invitations()
                .create(new InvitationRequest("inv-" + tag + "@example.test", Role.VIEWER))
                .id();
        String token = client.tokens()
                .create(new ApiTokenRequest("ci " + tag, Role.EDITOR, null))
                .id();
        return new Populated(Map.ofEntries(
                Map.entry("server", server.id()),
                Map.entry("scope", scope),
                Map.entry("toolBinding", binding),
                Map.entry("policy", policy),
                Map.entry("redactionRule", redaction),
                Map.entry("rateLimit", rateLimit),
                Map.entry("killSwitch", killSwitch),
                Map.entry("identityProvider", idp),
                Map.entry("dataPlaneGroup", group.id()),
                Map.entry("enrollmentToken", enrollment),
                Map.entry("invitation", invitation),
                Map.entry("token", token)));
    }
}
