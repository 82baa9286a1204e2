package io.gatehouse.controlplane;

import static io.gatehouse.protocol.api.Role.ADMIN;
import static io.gatehouse.protocol.api.Role.AUDITOR;
import static io.gatehouse.protocol.api.Role.EDITOR;
import static io.gatehouse.protocol.api.Role.OWNER;
import static io.gatehouse.protocol.api.Role.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.gatehouse.protocol.api.ApiTokenRequest;
import io.gatehouse.protocol.api.BundlePublishRequest;
import io.gatehouse.protocol.api.DataPlaneGroupRequest;
import io.gatehouse.protocol.api.EnrollmentTokenRequest;
import io.gatehouse.protocol.api.IdentityProviderRequest;
import io.gatehouse.protocol.api.InvitationRequest;
import io.gatehouse.protocol.api.KillSwitchRequest;
import io.gatehouse.protocol.api.PolicyRequest;
import io.gatehouse.protocol.api.RateLimitRequest;
import io.gatehouse.protocol.api.RedactionRuleRequest;
import io.gatehouse.protocol.api.Role;
import io.gatehouse.protocol.api.ScopeRequest;
import io.gatehouse.protocol.api.ServerRequest;
import io.gatehouse.protocol.api.ToolBindingRequest;
import io.gatehouse.sdk.Gatehouse;
import io.gatehouse.sdk.GatehouseException;
import io.gatehouse.sdk.ListParams;
import io.gatehouse.sdk.PermissionDeniedException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Every role against every endpoint. Calls use unknown ids or invalid bodies so an allowed call
 * ends in 404/400 (or succeeds) and a forbidden one in 403 — the permission check comes first.
 * The expected roles are written out here, independently of the production Permission enum.
 */
class RoleMatrixIT {
    private static final Set<Role> ALL = EnumSet.allOf(Role.class);
    private static final Set<Role> WRITERS = EnumSet.of(OWNER, ADMIN, EDITOR);
    private static final Set<Role> ADMINS = EnumSet.of(OWNER, ADMIN);
    private static final Set<Role> OVERSEERS = EnumSet.of(OWNER, ADMIN, AUDITOR);
    private final ControlPlaneFixture cp = ControlPlaneFixture.get();

    @Test
    void eachRoleReachesExactlyItsEndpoints() {
        ControlPlaneFixture.Tenant tenant = cp.newTenant("roles");
        Map<Role, Gatehouse> clients = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            String token = tenant.owner()
                    .tokens()
                    .create(new ApiTokenRequest(role + " token", role, 1))
                    .token();
            clients.put(role, cp.anonymous().withToken(token));
        }
        String missing = UUID.randomUUID().toString();
        Map<String, Endpoint> endpoints = new LinkedHashMap<>();
        crud(
                endpoints,
                "servers",
                WRITERS,
                c -> c.servers().list(),
                c -> c.servers().get(missing),
                c -> c.servers().create(new ServerRequest(null, null, null, null, null, null, null, null)),
                c -> c.servers().update(missing, new ServerRequest(null, null, null, null, null, null, null, null)),
                c -> c.servers().delete(missing));
        crud(
                endpoints,
                "scopes",
                WRITERS,
                c -> c.scopes().list(),
                c -> c.scopes().get(missing),
                c -> c.scopes().create(new ScopeRequest(null, null, null)),
                c -> c.scopes().update(missing, new ScopeRequest(null, null, null)),
                c -> c.scopes().delete(missing));
        crud(
                endpoints,
                "tool-bindings",
                WRITERS,
                c -> c.toolBindings().list(),
                c -> c.toolBindings().get(missing),
                c -> c.toolBindings().create(new ToolBindingRequest(null, null, null, null, null)),
                c -> c.toolBindings().update(missing, new ToolBindingRequest(null, null, null, null, null)),
                c -> c.toolBindings().delete(missing));
        crud(
                endpoints,
                "policies",
                WRITERS,
                c -> c.policies().list(),
                c -> c.policies().get(missing),
                c -> c.policies().create(new PolicyRequest(null, null, null, null, null, null)),
                c -> c.policies().update(missing, new PolicyRequest(null, null, null, null, null, null)),
                c -> c.policies().delete(missing));
        crud(
                endpoints,
                "redaction-rules",
                WRITERS,
                c -> c.redactionRules().list(),
                c -> c.redactionRules().get(missing),
                c -> c.redactionRules().create(new RedactionRuleRequest(null, null, null, null, null, null)),
                c -> c.redactionRules().update(missing, new RedactionRuleRequest(null, null, null, null, null, null)),
                c -> c.redactionRules().delete(missing));
        crud(
                endpoints,
                "rate-limits",
                WRITERS,
                c -> c.rateLimits().list(),
                c -> c.rateLimits().get(missing),
                c -> c.rateLimits().create(new RateLimitRequest(null, null, null, null, null, null, null, null)),
                c -> c.rateLimits()
                        .update(missing, new RateLimitRequest(null, null, null, null, null, null, null, null)),
                c -> c.rateLimits().delete(missing));
        crud(
                endpoints,
                "identity-providers",
                ADMINS,
                c -> c.identityProviders().list(),
                c -> c.identityProviders().get(missing),
                c -> c.identityProviders()
                        .create(new IdentityProviderRequest(null, null, null, null, null, null, null)),
                c -> c.identityProviders()
                        .update(missing, new IdentityProviderRequest(null, null, null, null, null, null, null)),
                c -> c.identityProviders().delete(missing));
        crud(
                endpoints,
                "data-plane-groups",
                ADMINS,
                c -> c.dataPlaneGroups().list(),
                c -> c.dataPlaneGroups().get(missing),
                c -> c.dataPlaneGroups().create(new DataPlaneGroupRequest(null, null)),
                c -> c.dataPlaneGroups().update(missing, new DataPlaneGroupRequest(null, null)),
                c -> c.dataPlaneGroups().delete(missing));
        endpoints.put(
                "GET kill-switches", new Endpoint(ALL, c -> c.killSwitches().list()));
        endpoints.put(
                "GET kill-switches/{id}",
                new Endpoint(ALL, c -> c.killSwitches().get(missing)));
        endpoints.put(
                "POST kill-switches",
                new Endpoint(WRITERS, c -> c.killSwitches().create(new KillSwitchRequest(null, null, null, null))));
        endpoints.put(
                "DELETE kill-switches/{id}",
                new Endpoint(WRITERS, c -> c.killSwitches().delete(missing)));
        endpoints.put(
                "GET enrollment-tokens",
                new Endpoint(ALL, c -> c.enrollmentTokens().list()));
        endpoints.put(
                "GET enrollment-tokens/{id}",
                new Endpoint(ALL, c -> c.enrollmentTokens().get(missing)));
        endpoints.put(
                "POST enrollment-tokens",
                new Endpoint(ADMINS, c -> c.enrollmentTokens().create(new EnrollmentTokenRequest(null, null, null))));
        endpoints.put(
                "DELETE enrollment-tokens/{id}",
                new Endpoint(ADMINS, c -> c.enrollmentTokens().delete(missing)));
        endpoints.put("GET users", new Endpoint(OVERSEERS, c -> c.users().list(ListParams.create())));
        endpoints.put("GET users/{id}", new Endpoint(OVERSEERS, c -> c.users().get(missing)));
        endpoints.put("PUT users/{id}", new Endpoint(ADMINS, c -> c.users().changeRole(missing, VIEWER)));
        endpoints.put("DELETE users/{id}", new Endpoint(ADMINS, c -> c.users().remove(missing)));
        endpoints.put(
                "GET invitations", new Endpoint(OVERSEERS, c -> c.invitations().list()));
        endpoints.put(
                "GET invitations/{id}",
                new Endpoint(OVERSEERS, c -> c.invitations().get(missing)));
        endpoints.put(
                "POST invitations",
                new Endpoint(ADMINS, c -> c.invitations().create(new InvitationRequest(null, null))));
        endpoints.put(
                "DELETE invitations/{id}",
                new Endpoint(ADMINS, c -> c.invitations().delete(missing)));
        endpoints.put("GET tokens", new Endpoint(ALL, c -> c.tokens().list()));
        endpoints.put("GET tokens/{id}", new Endpoint(ALL, c -> c.tokens().get(missing)));
        endpoints.put("POST tokens", new Endpoint(ALL, c -> c.tokens().create(new ApiTokenRequest(null, null, null))));
        endpoints.put("DELETE tokens/{id}", new Endpoint(ALL, c -> c.tokens().delete(missing)));
        endpoints.put("GET activity", new Endpoint(OVERSEERS, c -> c.activity().list(ListParams.create())));
        endpoints.put("GET bundles", new Endpoint(ALL, c -> c.bundles().list(ListParams.create())));
        endpoints.put(
                "POST bundles:publish",
                new Endpoint(WRITERS, c -> c.bundles().publish(new BundlePublishRequest(missing))));
        endpoints.put(
                "POST bundles:rollback", new Endpoint(WRITERS, c -> c.bundles().rollback(missing, 1)));
        endpoints.put("GET signing-keys", new Endpoint(ALL, c -> c.signingKeys().list()));
        endpoints.put(
                "POST signing-keys:rotate",
                new Endpoint(ADMINS, c -> c.signingKeys().rotate()));
        endpoints.put("GET data-planes", new Endpoint(ALL, c -> c.dataPlanes().list(ListParams.create())));
        endpoints.put(
                "GET data-planes/{id}", new Endpoint(ALL, c -> c.dataPlanes().get(missing)));
        endpoints.put(
                "DELETE data-planes/{id}",
                new Endpoint(ADMINS, c -> c.dataPlanes().revoke(missing)));

        StringBuilder mismatches = new StringBuilder();
        endpoints.forEach((name, endpoint) -> {
            for (Role role : Role.values()) {
                boolean denied = denied(endpoint.call(), clients.get(role));
                boolean expectedDenied = !endpoint.allowed().contains(role);
                if (denied != expectedDenied) {
                    mismatches
                            .append(name)
                            .append(" as ")
                            .append(role)
                            .append(": ")
                            .append(denied ? "403" : "allowed")
                            .append('\n');
                }
            }
        });
        assertThat(mismatches.toString()).isEmpty();
    }

    private static boolean denied(Consumer<Gatehouse> call, Gatehouse client) {
        try {
            call.accept(client);
            return false;
        } catch (PermissionDeniedException e) {
            assertThat(e.code()).isEqualTo("FORBIDDEN");
            return true;
        } catch (GatehouseException e) {
            if (e.status() == 401 || e.status() >= 500) {
                fail("unexpected " + e.getMessage());
            }
            return false;
        }
    }

    private static void crud(
            Map<String, Endpoint> endpoints,
            String path,
            Set<Role> writers,
            Consumer<Gatehouse> list,
            Consumer<Gatehouse> get,
            Consumer<Gatehouse> create,
            Consumer<Gatehouse> update,
            Consumer<Gatehouse> delete) {
        endpoints.put("GET " + path, new Endpoint(ALL, list));
        endpoints.put("GET " + path + "/{id}", new Endpoint(ALL, get));
        endpoints.put("POST " + path, new Endpoint(writers, create));
        endpoints.put("PUT " + path + "/{id}", new Endpoint(writers, update));
        endpoints.put("DELETE " + path + "/{id}", new Endpoint(writers, delete));
    }

    private record Endpoint(Set<Role> allowed, Consumer<Gatehouse> call) {}
}
