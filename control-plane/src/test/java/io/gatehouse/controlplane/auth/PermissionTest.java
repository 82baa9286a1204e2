package io.gatehouse.controlplane.auth;

import static io.gatehouse.protocol.api.Role.ADMIN;
import static io.gatehouse.protocol.api.Role.AUDITOR;
import static io.gatehouse.protocol.api.Role.EDITOR;
import static io.gatehouse.protocol.api.Role.OWNER;
import static io.gatehouse.protocol.api.Role.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PermissionTest {

    @Test
    void rolesGrantOnlyWhatTheyHold() {
        assertThat(Permission.canGrant(OWNER, OWNER)).isTrue();
        assertThat(Permission.canGrant(ADMIN, OWNER)).isFalse();
        assertThat(Permission.canGrant(ADMIN, ADMIN)).isTrue();
        assertThat(Permission.canGrant(ADMIN, AUDITOR)).isTrue();
        assertThat(Permission.canGrant(EDITOR, ADMIN)).isFalse();
        assertThat(Permission.canGrant(EDITOR, VIEWER)).isTrue();
        assertThat(Permission.canGrant(EDITOR, AUDITOR)).isFalse();
        assertThat(Permission.canGrant(AUDITOR, VIEWER)).isTrue();
        assertThat(Permission.canGrant(AUDITOR, EDITOR)).isFalse();
        assertThat(Permission.canGrant(VIEWER, AUDITOR)).isFalse();
    }

    @Test
    void readOnlyRolesCannotWrite() {
        for (Permission p : new Permission[] {
            Permission.CONFIG_WRITE, Permission.SECURITY_WRITE, Permission.MEMBERS_WRITE, Permission.OWNERSHIP
        }) {
            assertThat(p.grantedTo(VIEWER)).as(p.name()).isFalse();
            assertThat(p.grantedTo(AUDITOR)).as(p.name()).isFalse();
        }
        assertThat(Permission.ACTIVITY_READ.grantedTo(AUDITOR)).isTrue();
        assertThat(Permission.ACTIVITY_READ.grantedTo(VIEWER)).isFalse();
    }
}
