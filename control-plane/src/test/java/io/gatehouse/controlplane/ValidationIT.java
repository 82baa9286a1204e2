package io.gatehouse.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.protocol.api.Effect;
import io.gatehouse.protocol.api.FieldError;
import io.gatehouse.protocol.api.PolicyMode;
import io.gatehouse.protocol.api.PolicyRequest;
import io.gatehouse.protocol.api.PolicyRule;
import io.gatehouse.protocol.api.RedactionRuleRequest;
import io.gatehouse.protocol.api.RuleConditions;
import io.gatehouse.protocol.api.RuleTargets;
import io.gatehouse.protocol.api.ScopeRequest;
import io.gatehouse.protocol.api.TimeWindow;
import io.gatehouse.sdk.ConflictException;
import io.gatehouse.sdk.InvalidRequestException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad input gets field-level problem details and changes nothing. */
class ValidationIT {
    private final ControlPlaneFixture cp = ControlPlaneFixture.get();

    @Test
    void policyRulesReportTheExactFieldPath() {
        ControlPlaneFixture.Tenant t = cp.newTenant("val");
        PolicyRequest bad = new PolicyRequest(
                "p",
                null,
                99_999,
                PolicyMode.SHADOW,
                true,
                List.of(
                        new PolicyRule(
                                "ok",
                                null,
                                null,
                                new RuleTargets(List.of("not-a-uuid"), List.of("bad tool!"), null),
                                null,
                                Effect.ALLOW),
                        new PolicyRule(
                                "ok",
                                null,
                                null,
                                null,
                                new RuleConditions(
                                        "size(x",
                                        List.of("10.0.0.0/33", "example.com"),
                                        new TimeWindow(List.of("funday"), "25:00", "09:00", "Mars/Olympus"),
                                        null),
                                null)));
        assertThatThrownBy(() -> t.owner().policies().create(bad))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("VALIDATION_FAILED");
                    assertThat(e.problem().type()).startsWith("https://");
                    assertThat(e.fieldErrors())
                            .extracting(FieldError::field)
                            .containsExactlyInAnyOrder(
                                    "priority",
                                    "rules[0].targets.servers[0]",
                                    "rules[0].targets.tools[0]",
                                    "rules[1].id",
                                    "rules[1].effect",
                                    "rules[1].conditions.cel",
                                    "rules[1].conditions.sourceCidrs[0]",
                                    "rules[1].conditions.sourceCidrs[1]",
                                    "rules[1].conditions.timeWindow.days[0]",
                                    "rules[1].conditions.timeWindow.start",
                                    "rules[1].conditions.timeWindow.zone");
                });
        assertThat(t.owner().policies().list().items()).isEmpty();
    }

    @Test
    void scopeImpliesMustExistAndRedactionPatternsMustCompile() {
        ControlPlaneFixture.Tenant t = cp.newTenant("val2");
        assertThatThrownBy(
                        () -> t.owner().scopes().create(new ScopeRequest("files:write", null, List.of("files:read"))))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.fieldErrors())
                                .containsExactly(
                                        new FieldError("implies[0]", "'files:read' is not in the scope catalog")));
        t.owner().scopes().create(new ScopeRequest("files:read", null, null));
        assertThat(t.owner()
                        .scopes()
                        .create(new ScopeRequest("files:write", null, List.of("files:read")))
                        .implies())
                .containsExactly("files:read");
        // a scope another scope implies cannot go; once nothing needs it, it can
        String read = t.owner().scopes().list().items().stream()
                .filter(s -> s.name().equals("files:read"))
                .findFirst()
                .orElseThrow()
                .id();
        assertThatThrownBy(() -> t.owner().scopes().delete(read))
                .isInstanceOfSatisfying(
                        ConflictException.class, e -> assertThat(e.code()).isEqualTo("SCOPE_IN_USE"));
        String write = t.owner().scopes().list().items().stream()
                .filter(s -> s.name().equals("files:write"))
                .findFirst()
                .orElseThrow()
                .id();
        t.owner().scopes().delete(write);
        t.owner().scopes().delete(read);
        assertThat(t.owner().scopes().list().items()).isEmpty();
        assertThatThrownBy(() -> t.owner()
                        .redactionRules()
                        .create(new RedactionRuleRequest(
                                "r", List.of("dna"), List.of("(a+)+(", "ok"), null, null, null)))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.fieldErrors())
                                .extracting(FieldError::field)
                                .containsExactlyInAnyOrder("detectors[0]", "patterns[0]", "direction", "action"));
    }

    @Test
    void malformedJsonUnknownFieldsAndBadEnumsAreProblems() {
        ControlPlaneFixture.Tenant t = cp.newTenant("val3");
        String token = cp.anonymous()
                .auth()
                .login(new io.gatehouse.protocol.api.LoginRequest(t.email(), t.password(), null))
                .token();
        String url = cp.baseUrl() + "/api/v1/servers";

        RawHttp.Reply malformed = RawHttp.send("POST", url, token, "{\"name\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        assertThat(malformed.body().get("code").asText()).isEqualTo("MALFORMED_JSON");
        assertThat(malformed.body().get("requestId").asText())
                .isEqualTo(malformed.raw().headers().firstValue("X-Request-Id").orElseThrow());

        RawHttp.Reply unknown =
                RawHttp.send("POST", url, token, "{\"name\":\"a\",\"upstreamUrl\":\"https://x\",\"secret\":\"s\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().at("/errors/0/field").asText()).isEqualTo("secret");

        RawHttp.Reply badEnum = RawHttp.send(
                "POST", url, token, "{\"name\":\"a\",\"upstreamUrl\":\"https://x\",\"transport\":\"carrier-pigeon\"}");
        assertThat(badEnum.status()).isEqualTo(400);
        assertThat(badEnum.body().at("/errors/0/field").asText()).isEqualTo("transport");
        assertThat(badEnum.body().at("/errors/0/message").asText()).contains("streamable-http");

        RawHttp.Reply noBody = RawHttp.send("POST", url, token, null, "Content-Type", "application/json");
        assertThat(noBody.status()).isEqualTo(400);

        RawHttp.Reply unknownPath = RawHttp.send("GET", cp.baseUrl() + "/api/v1/nope", token, null);
        assertThat(unknownPath.status()).isEqualTo(404);
        assertThat(unknownPath.contentType()).startsWith("application/problem+json");

        RawHttp.Reply badLimit = RawHttp.send("GET", url + "?limit=0", token, null);
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.body().at("/errors/0/field").asText()).isEqualTo("limit");

        RawHttp.Reply noAuth = RawHttp.send("GET", url, null, null);
        assertThat(noAuth.status()).isEqualTo(401);
        assertThat(noAuth.raw().headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(t.owner().servers().list().items()).isEmpty();
    }
}
