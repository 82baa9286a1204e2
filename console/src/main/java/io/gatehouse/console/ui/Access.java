package io.gatehouse.console.ui;

import io.gatehouse.protocol.api.Role;
import java.util.Objects;

/**
 * What the console shows a role: the control plane's permission matrix (docs/control-plane.md,
 * "Roles") seen from the UI. The API enforces it regardless; the console only hides controls that
 * would fail. An auditor sees the activity log (and later the audit explorer), not configuration.
 */
public record Access(Role role) {
    public Access {
        Objects.requireNonNull(role, "role");
    }

    public static Access of(Role role) {
        return new Access(role);
    }

    /** Servers, scopes, bindings, policies, redaction, limits, kill switches, identity, fleet. */
    public boolean seesConfiguration() {
        return role != Role.AUDITOR;
    }

    /** CONFIG_WRITE: servers, scopes, bindings, policies, redaction rules, rate limits, kill switches. */
    public boolean editsConfiguration() {
        return role == Role.OWNER || role == Role.ADMIN || role == Role.EDITOR;
    }

    /** SECURITY_WRITE: identity providers, data-plane groups, enrollment tokens. */
    public boolean editsSecurity() {
        return role == Role.OWNER || role == Role.ADMIN;
    }

    /** MEMBERS_READ and MEMBERS_WRITE go together in the console: the members screen is for admins. */
    public boolean managesMembers() {
        return role == Role.OWNER || role == Role.ADMIN;
    }

    /** ACTIVITY_READ (and, once it exists, the audit explorer). */
    public boolean seesActivity() {
        return role == Role.OWNER || role == Role.ADMIN || role == Role.AUDITOR;
    }

    /** ACTIVITY_READ also guards the audit log: dashboard, audit explorer, export and chain proof. */
    public boolean seesAudit() {
        return seesActivity();
    }

    /** Whether this role may grant {@code other} (to a token, an invitation or a member). */
    public boolean canGrant(Role other) {
        return switch (role) {
            case OWNER -> true;
            case ADMIN -> other != Role.OWNER;
            case EDITOR -> other == Role.EDITOR || other == Role.VIEWER;
            case VIEWER -> other == Role.VIEWER;
            case AUDITOR -> other == Role.AUDITOR || other == Role.VIEWER;
        };
    }
}
