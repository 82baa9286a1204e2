package io.gatehouse.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.sdk.Gatehouse;
import io.gatehouse.sdk.GatehouseException;
import io.gatehouse.sdk.InvalidRequestException;
import io.gatehouse.sdk.ListParams;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * SQL/HQL injection payloads in every filter and sort parameter of every listing: each is either a
 * field error or a harmless literal match — never a 500, never another tenant's row, nothing changed.
 */
class InjectionIT {
    private static final List<String> PAYLOADS = List.of(
            "' OR '1'='1",
            "x' OR 1=1 --",
            "1; DROP TABLE servers; --",
            "name desc, (select 1)",
            "e.id) or (1=1",
            "%",
            "_",
            "\\",
            "' UNION SELECT password_hash FROM users --",
            "env=prod' OR '1'='1",
            "00000000-0000-0000-0000-000000000000' OR '1'='1");
    private final ControlPlaneFixture cp = ControlPlaneFixture.get();

    @Test
    void everyFilterAndSortIsInjectionProof() {
        ControlPlaneFixture.Tenant victim = cp.newTenant("victim");
        Fixtures.Populated victimIds = Fixtures.populate(victim.owner());
        ControlPlaneFixture.Tenant attacker = cp.newTenant("attacker");
        Fixtures.populate(attacker.owner());
        Gatehouse c = attacker.owner();

        Map<String, BiFunction<Gatehouse, ListParams, List<?>>> listings = Map.ofEntries(
                Map.entry("servers", (g, p) -> g.servers().list(p).items()),
                Map.entry("scopes", (g, p) -> g.scopes().list(p).items()),
                Map.entry("tool-bindings", (g, p) -> g.toolBindings().list(p).items()),
                Map.entry("policies", (g, p) -> g.policies().list(p).items()),
                Map.entry(
                        "redaction-rules", (g, p) -> g.redactionRules().list(p).items()),
                Map.entry("rate-limits", (g, p) -> g.rateLimits().list(p).items()),
                Map.entry("kill-switches", (g, p) -> g.killSwitches().list(p).items()),
                Map.entry(
                        "identity-providers",
                        (g, p) -> g.identityProviders().list(p).items()),
                Map.entry(
                        "data-plane-groups",
                        (g, p) -> g.dataPlaneGroups().list(p).items()),
                Map.entry(
                        "enrollment-tokens",
                        (g, p) -> g.enrollmentTokens().list(p).items()),
                Map.entry("invitations", (g, p) -> g.invitations().list(p).items()),
                Map.entry("tokens", (g, p) -> g.tokens().list(p).items()),
                Map.entry("users", (g, p) -> g.users().list(p).items()),
                Map.entry("activity", (g, p) -> g.activity().list(p).items()));
        Map<String, List<String>> filters = Map.ofEntries(
                Map.entry("servers", List.of("status", "transport", "label", "q")),
                Map.entry("scopes", List.of("q")),
                Map.entry("tool-bindings", List.of("serverId", "risk")),
                Map.entry("policies", List.of("mode", "enabled", "q")),
                Map.entry("redaction-rules", List.of("direction", "action")),
                Map.entry("rate-limits", List.of("key", "serverId")),
                Map.entry("kill-switches", List.of("active", "scope", "serverId")),
                Map.entry("identity-providers", List.of("issuer")),
                Map.entry("data-plane-groups", List.of()),
                Map.entry("enrollment-tokens", List.of("groupId")),
                Map.entry("invitations", List.of("pending")),
                Map.entry("tokens", List.of()),
                Map.entry("users", List.of("role")),
                Map.entry("activity", List.of("resourceType", "resourceId", "actor", "action", "from", "to")));
        Map<String, Integer> sizesBefore = new java.util.HashMap<>();
        listings.forEach((name, list) -> sizesBefore.put(
                name, list.apply(c, ListParams.create().limit(200)).size()));

        int harmlessMatches = 0;
        int rejected = 0;
        for (var listing : listings.entrySet()) {
            for (String payload : PAYLOADS) {
                List<ListParams> attempts = new java.util.ArrayList<>();
                attempts.add(ListParams.create().sort(payload));
                attempts.add(ListParams.create().cursor(payload));
                attempts.add(ListParams.create().filter(payload, "x"));
                for (String filter : filters.get(listing.getKey())) {
                    attempts.add(ListParams.create().filter(filter, payload));
                }
                for (ListParams params : attempts) {
                    try {
                        List<?> items = listing.getValue().apply(c, params);
                        harmlessMatches++;
                        String text = items.toString();
                        for (String victimId : victimIds.ids().values()) {
                            assertThat(text).doesNotContain(victimId);
                        }
                        assertThat(text).doesNotContain(victim.tenantId()).doesNotContain("argon2");
                        assertThat(items.size()).isLessThanOrEqualTo(sizesBefore.get(listing.getKey()));
                    } catch (InvalidRequestException e) {
                        rejected++;
                        assertThat(e.status()).isEqualTo(400);
                    } catch (GatehouseException e) {
                        throw new AssertionError(listing.getKey() + " " + payload + ": " + e.getMessage(), e);
                    }
                }
            }
        }
        assertThat(rejected).isPositive();
        assertThat(harmlessMatches).isPositive();
        // a LIKE wildcard is a literal character, not "match everything"
        assertThat(c.servers().list(ListParams.create().filter("q", "%")).items())
                .isEmpty();
        listings.forEach((name, list) -> assertThat(
                        list.apply(c, ListParams.create().limit(200)).size())
                .as(name)
                .isEqualTo(sizesBefore.get(name)));
        assertThat(victim.owner().servers().get(victimIds.id("server")).id()).isEqualTo(victimIds.id("server"));
    }
}
