package io.gatehouse.terraform.internal.resources;

import static io.gatehouse.terraform.internal.cty.CtyType.BOOL;
import static io.gatehouse.terraform.internal.cty.CtyType.NUMBER;
import static io.gatehouse.terraform.internal.cty.CtyType.STRING;
import static io.gatehouse.terraform.internal.resources.RegistryResources.id;
import static io.gatehouse.terraform.internal.resources.RegistryResources.version;
import static io.gatehouse.terraform.internal.schema.Attribute.computed;
import static io.gatehouse.terraform.internal.schema.Attribute.optional;
import static io.gatehouse.terraform.internal.schema.Attribute.optionalComputed;
import static io.gatehouse.terraform.internal.schema.Attribute.required;

import io.gatehouse.protocol.api.DataPlaneGroup;
import io.gatehouse.protocol.api.DataPlaneGroupRequest;
import io.gatehouse.protocol.api.EnrollmentToken;
import io.gatehouse.protocol.api.EnrollmentTokenRequest;
import io.gatehouse.protocol.api.KillSwitch;
import io.gatehouse.protocol.api.KillSwitchRequest;
import io.gatehouse.protocol.api.KillSwitchScope;
import io.gatehouse.sdk.Gatehouse;
import io.gatehouse.sdk.NotFoundException;
import io.gatehouse.terraform.internal.schema.Block;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Kill switches, data-plane groups and enrollment tokens. */
final class FleetResources {
    private FleetResources() {}

    static ManagedResource dataPlaneGroup() {
        Block schema = new Block(
                List.of(
                        id(),
                        version(),
                        required("name", STRING, "Group name."),
                        optional("description", STRING, "What the group is for.")),
                "A group of data-plane agents sharing one bundle.");
        return new CrudResource<>(
                "gatehouse_data_plane_group",
                schema,
                Gatehouse::dataPlaneGroups,
                o -> new DataPlaneGroupRequest(o.str("name"), o.str("description")),
                (DataPlaneGroup r) -> new State()
                        .put("id", r.id())
                        .put("version", r.version())
                        .put("name", r.name())
                        .put("description", r.description())
                        .build(),
                Map.of());
    }

    /** Not editable: any change lifts the switch and engages a new one. A lifted switch reads as gone. */
    static ManagedResource killSwitch() {
        Block schema = new Block(
                List.of(
                        id(),
                        required("scope", STRING, "What it stops.")
                                .oneOf("tenant", "server", "tool")
                                .immutable(),
                        optional("server_id", STRING, "The server (server and tool scope).")
                                .immutable(),
                        optional("tool", STRING, "The tool (tool scope).").immutable(),
                        required("reason", STRING, "Why; shown in the audit trail.")
                                .immutable(),
                        computed("active", BOOL, "Whether the switch is engaged.")),
                "An emergency stop; destroying it lifts it.");
        return new ManagedResource() {
            @Override
            public String typeName() {
                return "gatehouse_kill_switch";
            }

            @Override
            public Block schema() {
                return schema;
            }

            @Override
            public boolean updatable() {
                return false;
            }

            @Override
            public Set<String> changedByUpdate() {
                return Set.of();
            }

            @Override
            public Map<String, Object> create(Gatehouse api, Obj planned) {
                return state(api.killSwitches()
                        .create(new KillSwitchRequest(
                                planned.enumValue("scope", KillSwitchScope.class),
                                planned.str("server_id"),
                                planned.str("tool"),
                                planned.str("reason"))));
            }

            @Override
            public Map<String, Object> read(Gatehouse api, String id, Obj prior) {
                try {
                    KillSwitch k = api.killSwitches().get(id);
                    return k.active() ? state(k) : null;
                } catch (NotFoundException gone) {
                    return null;
                }
            }

            @Override
            public Map<String, Object> update(Gatehouse api, Obj prior, Obj planned) {
                throw new UnsupportedOperationException("kill switches are replaced, never updated");
            }

            @Override
            public void delete(Gatehouse api, Obj prior) {
                try {
                    api.killSwitches().delete(prior.str("id"));
                } catch (NotFoundException alreadyGone) {
                    // nothing left to lift
                }
            }

            private Map<String, Object> state(KillSwitch k) {
                return new State()
                        .put("id", k.id())
                        .put("scope", k.scope())
                        .put("server_id", k.serverId())
                        .put("tool", k.tool())
                        .put("reason", k.reason())
                        .put("active", k.active())
                        .build();
            }
        };
    }

    /**
     * Not editable: a change revokes it and creates a new one. The secret {@code token} exists only
     * in the create response, so it is kept from state; a revoked token reads as gone.
     */
    static ManagedResource enrollmentToken() {
        Block schema = new Block(
                List.of(
                        id(),
                        required("group_id", STRING, "The data-plane group agents enroll into.")
                                .immutable(),
                        optional("ttl_seconds", NUMBER, "Lifetime in seconds (default 900, at most 86400).")
                                .immutable(),
                        optionalComputed("max_uses", NUMBER, "How many agents may use it (default 1).")
                                .immutable(),
                        computed("expires_at", STRING, "When it expires (RFC 3339)."),
                        computed("uses", NUMBER, "How many agents used it so far."),
                        computed("token", STRING, "The enrollment secret; only known to the state that created it.")
                                .secret()),
                "A short-lived token an agent exchanges for its identity; destroying it revokes it.");
        return new ManagedResource() {
            @Override
            public String typeName() {
                return "gatehouse_enrollment_token";
            }

            @Override
            public Block schema() {
                return schema;
            }

            @Override
            public boolean updatable() {
                return false;
            }

            @Override
            public Set<String> changedByUpdate() {
                return Set.of();
            }

            @Override
            public Map<String, Object> create(Gatehouse api, Obj planned) {
                EnrollmentToken t = api.enrollmentTokens()
                        .create(new EnrollmentTokenRequest(
                                planned.str("group_id"), planned.integer("ttl_seconds"), planned.integer("max_uses")));
                return state(t, planned.integer("ttl_seconds"), t.token());
            }

            @Override
            public Map<String, Object> read(Gatehouse api, String id, Obj prior) {
                try {
                    EnrollmentToken t = api.enrollmentTokens().get(id);
                    if (t.revokedAt() != null) {
                        return null;
                    }
                    return state(t, prior.integer("ttl_seconds"), prior.str("token"));
                } catch (NotFoundException gone) {
                    return null;
                }
            }

            @Override
            public Map<String, Object> update(Gatehouse api, Obj prior, Obj planned) {
                throw new UnsupportedOperationException("enrollment tokens are replaced, never updated");
            }

            @Override
            public void delete(Gatehouse api, Obj prior) {
                try {
                    api.enrollmentTokens().delete(prior.str("id"));
                } catch (NotFoundException alreadyGone) {
                    // nothing left to revoke
                }
            }

            private Map<String, Object> state(EnrollmentToken t, Integer ttlSeconds, String token) {
                return new State()
                        .put("id", t.id())
                        .put("group_id", t.groupId())
                        .put("ttl_seconds", ttlSeconds)
                        .put("max_uses", t.maxUses())
                        .put(
                                "expires_at",
                                t.expiresAt() == null ? null : t.expiresAt().toString())
                        .put("uses", t.uses())
                        .put("token", token)
                        .build();
            }
        };
    }
}
