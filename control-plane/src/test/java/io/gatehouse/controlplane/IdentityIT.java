package io.gatehouse.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.protocol.api.ApiToken;
import io.gatehouse.protocol.api.ApiTokenRequest;
import io.gatehouse.protocol.api.Invitation;
import io.gatehouse.protocol.api.InvitationAcceptRequest;
import io.gatehouse.protocol.api.InvitationRequest;
import io.gatehouse.protocol.api.LoginRequest;
import io.gatehouse.protocol.api.Member;
import io.gatehouse.protocol.api.Role;
import io.gatehouse.protocol.api.SessionToken;
import io.gatehouse.protocol.api.SignupRequest;
import io.gatehouse.sdk.AuthenticationException;
import io.gatehouse.sdk.ConflictException;
import io.gatehouse.sdk.Gatehouse;
import io.gatehouse.sdk.GatehouseException;
import io.gatehouse.sdk.InvalidRequestException;
import io.gatehouse.sdk.ListParams;
import io.gatehouse.sdk.PermissionDeniedException;
import io.gatehouse.sdk.RateLimitException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Sign-up, login, lockout, invitations, API tokens and members, against the real database. */
class IdentityIT {
    private final ControlPlaneFixture cp = ControlPlaneFixture.get();

    @Test
    void passwordsAreArgon2idAndTokensAreStoredOnlyAsHashes() throws SQLException {
        ControlPlaneFixture.Tenant t = cp.newTenant("hash");
        ApiToken token = t.owner().tokens().create(new ApiTokenRequest("ci", Role.VIEWER, null));
        assertThat(token.token()).startsWith("gha_");
        assertThat(t.owner().tokens().get(token.id()).token()).isNull();
        try (Connection c = cp.postgres().connect("gatehouse_owner", "owner")) {
            try (PreparedStatement s = c.prepareStatement("select password_hash from users where id = ?::uuid")) {
                s.setString(1, t.ownerId());
                ResultSet rs = s.executeQuery();
                rs.next();
                assertThat(rs.getString(1)).startsWith("$argon2id$v=19$").doesNotContain(t.password());
            }
            try (PreparedStatement s = c.prepareStatement(
                    "select count(*) from access_tokens where token_hash = sha256(?) and position(? in encode(token_hash, 'escape')) = 0")) {
                s.setBytes(1, token.token().getBytes(StandardCharsets.UTF_8));
                s.setString(2, token.token());
                ResultSet rs = s.executeQuery();
                rs.next();
                assertThat(rs.getLong(1)).isOne();
            }
        }
    }

    @Test
    void wrongPasswordsLockTheAccountAndUnknownEmailsLookTheSame() throws InterruptedException {
        ControlPlaneFixture.Tenant t = cp.newTenant("lock");
        Gatehouse anon = cp.anonymous();
        GatehouseException unknown = catchGatehouse(() -> anon.auth()
                .login(new LoginRequest("nobody-" + UUID.randomUUID() + "@example.test", "whatever-password", null)));
        GatehouseException wrong =
                catchGatehouse(() -> anon.auth().login(new LoginRequest(t.email(), "wrong password!", null)));
        assertThat(unknown).isInstanceOf(AuthenticationException.class);
        assertThat(wrong).isInstanceOf(AuthenticationException.class);
        assertThat(unknown.code()).isEqualTo(wrong.code()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(unknown.problem().detail()).isEqualTo(wrong.problem().detail());
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> anon.auth().login(new LoginRequest(t.email(), "wrong password!", null)))
                    .isInstanceOf(AuthenticationException.class);
        }
        // locked now (test config: 3 failures, 2 s): even the right password is refused
        assertThatThrownBy(() -> anon.auth().login(new LoginRequest(t.email(), t.password(), null)))
                .isInstanceOfSatisfying(
                        RateLimitException.class, e -> assertThat(e.code()).isEqualTo("ACCOUNT_LOCKED"));
        Thread.sleep(2_200);
        assertThat(anon.auth()
                        .login(new LoginRequest(t.email(), t.password(), null))
                        .tenantId())
                .isEqualTo(t.tenantId());
    }

    @Test
    void signupRejectsWeakPasswordsAndDuplicateEmails() {
        ControlPlaneFixture.Tenant t = cp.newTenant("dup");
        assertThatThrownBy(() -> cp.anonymous().auth().signup(new SignupRequest("x", "not-an-email", "short")))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.fieldErrors())
                                .extracting(f -> f.field())
                                .containsExactlyInAnyOrder("email", "password"));
        assertThatThrownBy(() ->
                        cp.anonymous().auth().signup(new SignupRequest("again", t.email(), "another long password")))
                .isInstanceOfSatisfying(
                        ConflictException.class,
                        e -> assertThat(e.fieldErrors().get(0).field()).isEqualTo("email"));
    }

    @Test
    void invitationsAddMembersAndRolesAreEnforcedOnThem() {
        ControlPlaneFixture.Tenant t = cp.newTenant("team");
        Invitation invitation = t.owner()
                .invitations()
                .create(new InvitationRequest("Editor-" + UUID.randomUUID() + "@example.test", Role.EDITOR));
        assertThat(invitation.token()).startsWith("ghi_");
        SessionToken joined = cp.anonymous()
                .auth()
                .acceptInvitation(new InvitationAcceptRequest(invitation.token(), "a new long password"));
        assertThat(joined.role()).isEqualTo(Role.EDITOR);
        assertThat(joined.tenantId()).isEqualTo(t.tenantId());
        assertThatThrownBy(() -> cp.anonymous()
                        .auth()
                        .acceptInvitation(new InvitationAcceptRequest(invitation.token(), "a new long password")))
                .isInstanceOfSatisfying(
                        GatehouseException.class, e -> assertThat(e.status()).isEqualTo(410));
        Gatehouse editor = cp.anonymous().withToken(joined.token());
        assertThatThrownBy(() -> editor.invitations().create(new InvitationRequest("x@example.test", Role.VIEWER)))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> editor.tokens().create(new ApiTokenRequest("too strong", Role.ADMIN, null)))
                .isInstanceOf(PermissionDeniedException.class);

        // an editor's API token dies when the editor is demoted below it, and when removed
        String editorToken = editor.tokens()
                .create(new ApiTokenRequest("ci", Role.EDITOR, null))
                .token();
        Gatehouse ci = cp.anonymous().withToken(editorToken);
        assertThat(ci.servers().list().items()).isEmpty();
        Member member = t.owner().users().get(joined.userId());
        t.owner().users().changeRole(member, Role.VIEWER);
        assertThatThrownBy(() -> ci.servers().list()).isInstanceOf(AuthenticationException.class);
        assertThat(editor.servers().list().items()).isEmpty(); // the session follows the member's role
        t.owner().users().remove(joined.userId());
        assertThatThrownBy(() -> editor.servers().list()).isInstanceOf(AuthenticationException.class);
        assertThat(t.owner().users().list(ListParams.create()).items())
                .extracting(Member::id)
                .containsExactly(t.ownerId());

        // the last owner cannot leave or be demoted
        assertThatThrownBy(() -> t.owner().users().changeRole(t.ownerId(), Role.ADMIN))
                .isInstanceOfSatisfying(
                        ConflictException.class, e -> assertThat(e.code()).isEqualTo("LAST_OWNER"));
    }

    @Test
    void revokedTokensStopWorkingAndLastUseIsRecorded() {
        ControlPlaneFixture.Tenant t = cp.newTenant("revoke");
        ApiToken token = t.owner().tokens().create(new ApiTokenRequest("deploy", Role.EDITOR, 30));
        Gatehouse ci = cp.anonymous().withToken(token.token());
        ci.servers().create(Fixtures.server("via token"));
        ApiToken used = t.owner().tokens().get(token.id());
        assertThat(used.lastUsedAt()).isNotNull();
        assertThat(used.expiresAt()).isAfter(used.createdAt());
        assertThatThrownBy(() -> ci.auth().logout())
                .isInstanceOfSatisfying(
                        InvalidRequestException.class, e -> assertThat(e.code()).isEqualTo("NOT_A_SESSION"));
        t.owner().tokens().delete(token.id());
        assertThat(t.owner().tokens().get(token.id()).revokedAt()).isNotNull();
        assertThatThrownBy(() -> ci.servers().list()).isInstanceOf(AuthenticationException.class);

        t.owner().auth().logout();
        assertThatThrownBy(() -> t.owner().servers().list()).isInstanceOf(AuthenticationException.class);
    }

    private static GatehouseException catchGatehouse(Runnable call) {
        try {
            call.run();
        } catch (GatehouseException e) {
            return e;
        }
        throw new AssertionError("expected a failure");
    }
}
