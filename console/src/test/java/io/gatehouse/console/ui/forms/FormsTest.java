package io.gatehouse.console.ui.forms;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.protocol.api.FieldError;
import io.gatehouse.protocol.api.KillSwitchRequest;
import io.gatehouse.protocol.api.KillSwitchScope;
import io.gatehouse.protocol.api.PolicyMode;
import io.gatehouse.protocol.api.PolicyRequest;
import io.gatehouse.protocol.api.Role;
import io.gatehouse.protocol.api.Server;
import io.gatehouse.protocol.api.ServerRequest;
import io.gatehouse.protocol.api.ServerStatus;
import io.gatehouse.protocol.api.Transport;
import io.gatehouse.protocol.api.UpstreamAuthType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The forms as plain objects: their rules, the requests they build, and where API errors land. */
class FormsTest {
    static final Server FILES = new Server(
            "s1",
            "files",
            "files",
            "https://files.internal/mcp",
            Transport.STREAMABLE_HTTP,
            null,
            List.of(),
            ServerStatus.APPROVED,
            Map.of(),
            1,
            Instant.EPOCH,
            Instant.EPOCH);

    @Test
    void signupNeedsALongPasswordTypedTwice() {
        SignupForm form = new SignupForm();
        form.tenantName.setValue("Acme");
        form.email.setValue("ops@acme.example");
        form.password.setValue("short");
        form.confirm.setValue("short");
        assertThat(form.validate()).isFalse();
        assertThat(form.password.getErrorMessage()).isEqualTo("The password needs at least 12 characters");

        form.password.setValue("a long enough passphrase");
        form.confirm.setValue("a different passphrase!");
        assertThat(form.validate()).isFalse();
        assertThat(form.confirm.getErrorMessage()).isEqualTo("The passwords differ");

        form.confirm.setValue("a long enough passphrase");
        assertThat(form.validate()).isTrue();
        assertThat(form.toRequest().email()).isEqualTo("ops@acme.example");
        assertThat(form.toRequest().tenantName()).isEqualTo("Acme");
    }

    @Test
    void apiFieldErrorsLandOnTheirFieldsAndTheRestOnTheFormLine() {
        SignupForm form = new SignupForm();
        List<FieldError> unplaced = form.showServerErrors(
                List.of(new FieldError("email", "already registered"), new FieldError("captcha", "missing")), "x");
        assertThat(form.email.isInvalid()).isTrue();
        assertThat(form.email.getErrorMessage()).isEqualTo("already registered");
        assertThat(unplaced).extracting(FieldError::field).containsExactly("captcha");
        assertThat(form.formError()).isEqualTo("captcha: missing");
    }

    @Test
    void serverFormValidatesAsTypedAndBuildsTheRequest() {
        ServerForm form = new ServerForm(null);
        form.name.setValue("files");
        form.upstreamUrl.setValue("ftp://nope");
        assertThat(form.validate()).isFalse();
        assertThat(form.upstreamUrl.getErrorMessage()).isEqualTo("Enter an absolute http:// or https:// URL");

        form.upstreamUrl.setValue("https://files.internal/mcp");
        form.authType.setValue(UpstreamAuthType.BEARER);
        form.secretRef.setValue("hunter2");
        assertThat(form.validate()).isFalse();
        assertThat(form.secretRef.getErrorMessage()).startsWith("A reference, never the secret");

        form.secretRef.setValue("env:FILES_TOKEN");
        form.labels.setValue("env=prod, team=data");
        assertThat(form.validate()).isTrue();
        ServerRequest request = form.toRequest();
        assertThat(request.name()).isEqualTo("files");
        assertThat(request.transport()).isEqualTo(Transport.STREAMABLE_HTTP);
        assertThat(request.status()).isEqualTo(ServerStatus.PENDING);
        assertThat(request.upstreamAuth().type()).isEqualTo(UpstreamAuthType.BEARER);
        assertThat(request.upstreamAuth().secretRef()).isEqualTo("env:FILES_TOKEN");
        assertThat(request.labels()).containsExactly(Map.entry("env", "prod"), Map.entry("team", "data"));

        form.showServerErrors(List.of(new FieldError("upstreamAuth.secretRef", "unknown scheme")), null);
        assertThat(form.secretRef.getErrorMessage()).isEqualTo("unknown scheme");
    }

    @Test
    void killSwitchNeedsAReasonAndItsTarget() {
        KillSwitchForm form = new KillSwitchForm(List.of(FILES));
        form.scope.setValue(KillSwitchScope.TOOL);
        assertThat(form.validate()).isFalse();
        assertThat(form.server.getErrorMessage()).isEqualTo("Choose the server");
        assertThat(form.tool.getErrorMessage()).isEqualTo("Name the tool");
        assertThat(form.reason.getErrorMessage()).startsWith("Say why");

        form.server.setValue(FILES);
        form.tool.setValue("delete_file");
        form.reason.setValue("incident 4711");
        assertThat(form.validate()).isTrue();
        assertThat(form.toRequest())
                .isEqualTo(new KillSwitchRequest(KillSwitchScope.TOOL, "s1", "delete_file", "incident 4711"));
    }

    @Test
    void oneClickKillSwitchFixesTheTargetAndAsksOnlyForTheReason() {
        KillSwitchForm form = new KillSwitchForm(List.of(FILES), KillSwitchScope.SERVER, FILES, null);
        assertThat(form.scope.isReadOnly()).isTrue();
        assertThat(form.server.isReadOnly()).isTrue();
        form.reason.setValue("leaking data");
        assertThat(form.validate()).isTrue();
        assertThat(form.toRequest())
                .isEqualTo(new KillSwitchRequest(KillSwitchScope.SERVER, "s1", null, "leaking data"));
    }

    @Test
    void identityProviderNeedsExactlyOneKeySource() {
        IdentityProviderForm form = new IdentityProviderForm(null);
        form.name.setValue("corp");
        form.issuer.setValue("https://login.example.com");
        form.audience.setValue("https://gw.example.com/mcp/files");
        assertThat(form.validate()).isFalse();
        assertThat(form.discoveryUri.getErrorMessage()).isEqualTo("Give a discovery URL or a JWKS URL");
        form.discoveryUri.setValue("https://login.example.com/.well-known/openid-configuration");
        form.jwksUri.setValue("https://login.example.com/jwks");
        assertThat(form.validate()).isFalse();
        form.jwksUri.setValue("");
        assertThat(form.validate()).isTrue();
        assertThat(form.toRequest().claims().subject()).isEqualTo("sub");
        form.showServerErrors(List.of(new FieldError("claims.subject", "unknown claim")), null);
        assertThat(form.subjectClaim.getErrorMessage()).isEqualTo("unknown claim");
    }

    @Test
    void policyRulesKeepTheirOrderAndErrorsFindTheirRow() {
        PolicyForm form = new PolicyForm(List.of(FILES), null);
        form.name.setValue("office hours");
        form.addRow(null);
        form.rows.get(0).description.setValue("first");
        form.rows.get(1).description.setValue("second");
        form.rows.get(1).cel.setValue("true");
        form.move(form.rows.get(1), -1);
        form.mode.setValue(PolicyMode.SHADOW);
        assertThat(form.validate()).isTrue();
        PolicyRequest request = form.toRequest();
        assertThat(request.rules()).extracting(r -> r.description()).containsExactly("second", "first");
        assertThat(request.mode()).isEqualTo(PolicyMode.SHADOW);
        assertThat(request.rules().getFirst().conditions().cel()).isEqualTo("true");

        form.showServerErrors(List.of(new FieldError("rules[0].conditions.cel", "does not compile")), null);
        assertThat(form.rows.get(0).cel.getErrorMessage()).isEqualTo("does not compile");
        form.showServerErrors(List.of(new FieldError("rules[1].subjects.claims.dept", "bad")), null);
        assertThat(form.formError()).isEmpty();
    }

    @Test
    void redactionRuleNeedsADetectorOrAValidPattern() {
        RedactionRuleForm form = new RedactionRuleForm(List.of(FILES), null);
        form.name.setValue("secrets");
        assertThat(form.validate()).isFalse();
        assertThat(form.detectors.getErrorMessage()).isEqualTo("Choose a detector or add a pattern");
        form.patterns.setValue("ACME-[0-9]{4,6}\n([unclosed");
        assertThat(form.validate()).isFalse();
        assertThat(form.patterns.getErrorMessage()).isEqualTo("Not a valid pattern: ([unclosed");
        form.patterns.setValue("ACME-[0-9]{4,6}");
        form.detectors.setValue(Set.of("email"));
        assertThat(form.validate()).isTrue();
        assertThat(form.toRequest().patterns()).containsExactly("ACME-[0-9]{4,6}");
    }

    @Test
    void enrollmentTokenLifetimeIsBounded() {
        EnrollmentTokenForm form = new EnrollmentTokenForm(List.of(
                new io.gatehouse.protocol.api.DataPlaneGroup("g1", "default", null, 1, Instant.EPOCH, Instant.EPOCH)));
        form.ttlMinutes.setValue(24 * 60 + 1);
        assertThat(form.validate()).isFalse();
        assertThat(form.ttlMinutes.getErrorMessage()).isEqualTo("At most 24 hours (1440 minutes)");
        form.ttlMinutes.setValue(30);
        assertThat(form.validate()).isTrue();
        assertThat(form.toRequest().ttlSeconds()).isEqualTo(1800);
        assertThat(form.toRequest().groupId()).isEqualTo("g1");
    }

    @Test
    void invitationOffersOnlyGrantableRoles() {
        InvitationForm form = new InvitationForm(List.of(Role.EDITOR, Role.VIEWER));
        form.email.setValue("not an email");
        assertThat(form.validate()).isFalse();
        assertThat(form.email.getErrorMessage()).startsWith("Enter an email address");
        form.email.setValue("new@acme.example");
        assertThat(form.validate()).isTrue();
        assertThat(form.toRequest().role()).isEqualTo(Role.VIEWER);
    }

    @Test
    void inputsParseListsAndPairs() {
        assertThat(Inputs.list(" a, b\n,c ,")).containsExactly("a", "b", "c");
        assertThat(Inputs.pairs("k=v, x = y")).containsExactly(Map.entry("k", "v"), Map.entry("x", "y"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Inputs.pairs("novalue"))
                .hasMessage("'novalue' (expected: key=value)");
    }
}
