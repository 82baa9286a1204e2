package io.gatehouse.controlplane.auth;

import io.gatehouse.protocol.api.Role;
import java.util.EnumSet;
import java.util.Set;

/**
 * What an endpoint needs; the role matrix of {@code docs/control-plane.md} is this enum. Every
 * resource method declares one with {@link Requires} (or is {@link Public}).
 */
public enum Permission {
    /** Read the tenant's configuration (servers, scopes, policies, ...). */
    CONFIG_READ(Role.OWNER, Role.ADMIN, Role.EDITOR, Role.VIEWER, Role.AUDITOR),
    /** Change the configuration: servers, scopes, bindings, policies, redaction, limits, kill switches. */
    CONFIG_WRITE(Role.OWNER, Role.ADMIN, Role.EDITOR),
    /** Change what the data planes trust: identity providers, data-plane groups, enrollment tokens. */
    SECURITY_WRITE(Role.OWNER, Role.ADMIN),
    /** See members and invitations. */
    MEMBERS_READ(Role.OWNER, Role.ADMIN, Role.AUDITOR),
    /** Invite, re-role and remove members. */
    MEMBERS_WRITE(Role.OWNER, Role.ADMIN),
    /** Grant or take away the owner role. */
    OWNERSHIP(Role.OWNER),
    /** Read the admin activity log. */
    ACTIVITY_READ(Role.OWNER, Role.ADMIN, Role.AUDITOR),
    /** Manage one's own API tokens. */
    TOKENS_OWN(Role.OWNER, Role.ADMIN, Role.EDITOR, Role.VIEWER, Role.AUDITOR),
    /** See and revoke every member's API tokens. */
    TOKENS_ALL(Role.OWNER, Role.ADMIN);

    private final Set<Role> roles;

    Permission(Role first, Role... rest) {
        this.roles = EnumSet.of(first, rest);
    }

    public boolean grantedTo(Role role) {
        return roles.contains(role);
    }

    public Set<Role> roles() {
        return roles;
    }

    /** A role may hand out (to a token, an invitation or a member) only a role with no more rights. */
    public static boolean canGrant(Role granter, Role granted) {
        for (Permission p : values()) {
            if (p.grantedTo(granted) && !p.grantedTo(granter)) {
                return false;
            }
        }
        return true;
    }
}
