package io.gatehouse.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.protocol.api.DataPlaneGroupRequest;
import io.gatehouse.protocol.api.EnrollmentTokenRequest;
import io.gatehouse.protocol.api.KillSwitchRequest;
import io.gatehouse.protocol.api.KillSwitchScope;
import io.gatehouse.protocol.api.Role;
import io.gatehouse.sdk.Gatehouse;
import io.gatehouse.sdk.InvalidRequestException;
import io.gatehouse.sdk.ListParams;
import io.gatehouse.sdk.NotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Tenant B's owner walks every endpoint with tenant A's ids: 404 everywhere, A's ids appear in none
 * of B's listings, and A's resources are byte-for-byte unchanged afterwards.
 */
class IsolationIT {
    private final ControlPlaneFixture cp = ControlPlaneFixture.get();

    @Test
    void tenantBCannotSeeOrTouchTenantA() {
        ControlPlaneFixture.Tenant a = cp.newTenant("a");
        ControlPlaneFixture.Tenant b = cp.newTenant("b");
        Fixtures.Populated ids = Fixtures.populate(a.owner());
        Fixtures.populate(b.owner());
        Map<String, Object> before = snapshot(a.owner(), ids);

        Gatehouse intruder = b.owner();
        Map<String, ThrowingCallable> attempts = new LinkedHashMap<>();
        String server = ids.id("server");
        attempts.put("GET server", () -> intruder.servers().get(server));
        attempts.put("PUT server", () -> intruder.servers().update(server, Fixtures.server("hijack")));
        attempts.put("DELETE server", () -> intruder.servers().delete(server));
        attempts.put("GET scope", () -> intruder.scopes().get(ids.id("scope")));
        attempts.put("PUT scope", () -> intruder.scopes().update(ids.id("scope"), Fixtures.scope("files:read")));
        attempts.put("DELETE scope", () -> intruder.scopes().delete(ids.id("scope")));
        attempts.put("GET binding", () -> intruder.toolBindings().get(ids.id("toolBinding")));
        attempts.put(
                "PUT binding",
                () -> intruder.toolBindings().update(ids.id("toolBinding"), Fixtures.binding(server, "x")));
        attempts.put("DELETE binding", () -> intruder.toolBindings().delete(ids.id("toolBinding")));
        attempts.put("GET policy", () -> intruder.policies().get(ids.id("policy")));
        attempts.put("PUT policy", () -> intruder.policies().update(ids.id("policy"), Fixtures.policy("x", server)));
        attempts.put("DELETE policy", () -> intruder.policies().delete(ids.id("policy")));
        attempts.put("GET redaction", () -> intruder.redactionRules().get(ids.id("redactionRule")));
        attempts.put(
                "PUT redaction",
                () -> intruder.redactionRules().update(ids.id("redactionRule"), Fixtures.redaction("x")));
        attempts.put("DELETE redaction", () -> intruder.redactionRules().delete(ids.id("redactionRule")));
        attempts.put("GET rate limit", () -> intruder.rateLimits().get(ids.id("rateLimit")));
        attempts.put(
                "PUT rate limit",
                () -> intruder.rateLimits().update(ids.id("rateLimit"), Fixtures.rateLimit("x", null)));
        attempts.put("DELETE rate limit", () -> intruder.rateLimits().delete(ids.id("rateLimit")));
        attempts.put("GET kill switch", () -> intruder.killSwitches().get(ids.id("killSwitch")));
        attempts.put("DELETE kill switch", () -> intruder.killSwitches().delete(ids.id("killSwitch")));
        attempts.put("GET idp", () -> intruder.identityProviders().get(ids.id("identityProvider")));
        attempts.put(
                "PUT idp", () -> intruder.identityProviders().update(ids.id("identityProvider"), Fixtures.idp("x")));
        attempts.put("DELETE idp", () -> intruder.identityProviders().delete(ids.id("identityProvider")));
        attempts.put("GET group", () -> intruder.dataPlaneGroups().get(ids.id("dataPlaneGroup")));
        attempts.put(
                "PUT group",
                () -> intruder.dataPlaneGroups()
                        .update(ids.id("dataPlaneGroup"), new DataPlaneGroupRequest("x", null)));
        attempts.put("DELETE group", () -> intruder.dataPlaneGroups().delete(ids.id("dataPlaneGroup")));
        attempts.put("GET enrollment", () -> intruder.enrollmentTokens().get(ids.id("enrollmentToken")));
        attempts.put("DELETE enrollment", () -> intruder.enrollmentTokens().delete(ids.id("enrollmentToken")));
        attempts.put("GET invitation", () -> intruder.invitations().get(ids.id("invitation")));
        attempts.put("DELETE invitation", () -> intruder.invitations().delete(ids.id("invitation")));
        attempts.put("GET token", () -> intruder.tokens().get(ids.id("token")));
        attempts.put("DELETE token", () -> intruder.tokens().delete(ids.id("token")));
        attempts.put("GET user", () -> intruder.users().get(a.ownerId()));
        attempts.put("PUT user", () -> intruder.users().changeRole(a.ownerId(), Role.VIEWER));
        attempts.put("DELETE user", () -> intruder.users().remove(a.ownerId()));
        for (var attempt : attempts.entrySet()) {
            assertThatThrownBy(attempt.getValue())
                    .as(attempt.getKey())
                    .isInstanceOfSatisfying(NotFoundException.class, e -> {
                        assertThat(e.status()).isEqualTo(404);
                        assertThat(e.getMessage()).doesNotContain(a.tenantId());
                    });
        }

        // references into another tenant are unknown ids, not links
        List<ThrowingCallable> references = List.of(
                () -> intruder.toolBindings().create(Fixtures.binding(server, "x", "files:read")),
                () -> intruder.policies().create(Fixtures.policy("steal", server)),
                () -> intruder.rateLimits().create(Fixtures.rateLimit("steal", server)),
                () -> intruder.killSwitches().create(new KillSwitchRequest(KillSwitchScope.SERVER, server, null, "x")),
                () -> intruder.enrollmentTokens()
                        .create(new EnrollmentTokenRequest(ids.id("dataPlaneGroup"), null, null)));
        for (ThrowingCallable reference : references) {
            assertThatThrownBy(reference).isInstanceOf(InvalidRequestException.class);
        }

        // nothing of A in any of B's listings
        List<String> listed = new ArrayList<>();
        addIds(listed, intruder.servers().listAll(), s -> s.id());
        addIds(listed, intruder.scopes().listAll(), s -> s.id());
        addIds(listed, intruder.toolBindings().listAll(), s -> s.id() + " " + s.serverId());
        addIds(listed, intruder.policies().listAll(), s -> s.id());
        addIds(listed, intruder.redactionRules().listAll(), s -> s.id());
        addIds(listed, intruder.rateLimits().listAll(), s -> s.id());
        addIds(listed, intruder.killSwitches().listAll(), s -> s.id());
        addIds(listed, intruder.identityProviders().listAll(), s -> s.id());
        addIds(listed, intruder.dataPlaneGroups().listAll(), s -> s.id());
        addIds(listed, intruder.enrollmentTokens().listAll(), s -> s.id() + " " + s.groupId());
        addIds(listed, intruder.invitations().listAll(), s -> s.id());
        addIds(listed, intruder.tokens().listAll(), s -> s.id() + " " + s.userId());
        addIds(listed, intruder.users().listAll(), s -> s.id());
        addIds(
                listed,
                intruder.activity().listAll(ListParams.create()),
                s -> s.resourceId() + " " + s.actorUserId() + " " + s.before() + " " + s.after());
        assertThat(listed).isNotEmpty();
        String everything = String.join("\n", listed);
        for (String id : ids.ids().values()) {
            assertThat(everything).doesNotContain(id);
        }
        assertThat(everything).doesNotContain(a.ownerId()).doesNotContain(a.tenantId());
        assertThat(intruder.activity()
                        .list(ListParams.create().filter("resourceId", server))
                        .items())
                .isEmpty();

        // and A is exactly as it was
        assertThat(snapshot(a.owner(), ids)).isEqualTo(before);
    }

    private static <T> void addIds(List<String> out, Iterable<T> items, Function<T, String> id) {
        items.forEach(item -> out.add(id.apply(item)));
    }

    private static Map<String, Object> snapshot(Gatehouse owner, Fixtures.Populated ids) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("server", owner.servers().get(ids.id("server")));
        all.put("scope", owner.scopes().get(ids.id("scope")));
        all.put("toolBinding", owner.toolBindings().get(ids.id("toolBinding")));
        all.put("policy", owner.policies().get(ids.id("policy")));
        all.put("redactionRule", owner.redactionRules().get(ids.id("redactionRule")));
        all.put("rateLimit", owner.rateLimits().get(ids.id("rateLimit")));
        all.put("killSwitch", owner.killSwitches().get(ids.id("killSwitch")));
        all.put("identityProvider", owner.identityProviders().get(ids.id("identityProvider")));
        all.put("dataPlaneGroup", owner.dataPlaneGroups().get(ids.id("dataPlaneGroup")));
        all.put("enrollmentToken", owner.enrollmentTokens().get(ids.id("enrollmentToken")));
        all.put("invitation", owner.invitations().get(ids.id("invitation")));
        all.put("token", owner.tokens().get(ids.id("token")));
        all.put("members", owner.users().list(ListParams.create()).items());
        return all;
    }
}
