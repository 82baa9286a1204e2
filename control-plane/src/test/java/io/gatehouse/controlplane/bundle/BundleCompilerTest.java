package io.gatehouse.controlplane.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.protocol.api.ClaimMappings;
import io.gatehouse.protocol.api.Direction;
import io.gatehouse.protocol.api.Effect;
import io.gatehouse.protocol.api.FailureMode;
import io.gatehouse.protocol.api.IdentityProvider;
import io.gatehouse.protocol.api.Introspection;
import io.gatehouse.protocol.api.KillSwitch;
import io.gatehouse.protocol.api.KillSwitchScope;
import io.gatehouse.protocol.api.LimitKey;
import io.gatehouse.protocol.api.Policy;
import io.gatehouse.protocol.api.PolicyMode;
import io.gatehouse.protocol.api.PolicyRule;
import io.gatehouse.protocol.api.RateLimit;
import io.gatehouse.protocol.api.RedactionAction;
import io.gatehouse.protocol.api.RedactionRule;
import io.gatehouse.protocol.api.Risk;
import io.gatehouse.protocol.api.RuleConditions;
import io.gatehouse.protocol.api.RuleSubjects;
import io.gatehouse.protocol.api.RuleTargets;
import io.gatehouse.protocol.api.Scope;
import io.gatehouse.protocol.api.Server;
import io.gatehouse.protocol.api.ServerStatus;
import io.gatehouse.protocol.api.ToolBinding;
import io.gatehouse.protocol.api.Transport;
import io.gatehouse.protocol.api.UpstreamAuth;
import io.gatehouse.protocol.api.UpstreamAuthType;
import io.gatehouse.protocol.bundle.Bundle;
import io.gatehouse.protocol.bundle.BundleCodec;
import io.gatehouse.protocol.bundle.McpServer;
import io.gatehouse.protocol.signing.Digests;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BundleCompilerTest {
    static final String TENANT = "0190f0aa-0000-7000-8000-000000000001";
    static final String GROUP = "0190f0aa-0000-7000-8000-0000000000g1".replace("g", "a");
    static final Instant NOW = Instant.parse("2026-11-24T05:00:00Z");
    static final Instant EXP = NOW.plus(Duration.ofDays(30));
    static final String FILES = "0190f0aa-0000-7000-8000-00000000f001";
    static final String GIT = "0190f0aa-0000-7000-8000-00000000f002";
    static final String VAULTED = "0190f0aa-0000-7000-8000-00000000f003";

    private final BundleCompiler compiler = new BundleCompiler();

    @Test
    void mapsEverySection() throws Exception {
        BundleCompiler.Compiled compiled =
                compiler.compile(TENANT, GROUP, "https://mcp.example.com", sources(), 7, NOW, EXP);
        Bundle b = compiled.bundle();

        assertThat(b.metadata().tenantId()).isEqualTo(TENANT);
        assertThat(b.metadata().group()).isEqualTo(GROUP);
        assertThat(b.metadata().version()).isEqualTo(7);
        assertThat(b.metadata().expiresAt()).isEqualTo(EXP);

        McpServer files = b.serverBySlug("files");
        assertThat(files.resourceUri()).isEqualTo(URI.create("https://mcp.example.com/mcp/files"));
        assertThat(files.status()).isEqualTo(McpServer.Status.ACTIVE);
        assertThat(files.upstreamAuth())
                .isEqualTo(new io.gatehouse.protocol.bundle.UpstreamAuth.StaticHeader(
                        "Authorization", "Bearer ", io.gatehouse.protocol.bundle.SecretRef.parse("env:FILES_TOKEN")));
        assertThat(files.allowedOrigins()).containsExactly("https://app.example.com");
        assertThat(b.serverBySlug("git").status())
                .as("a pending server is routed as disabled (503), not served")
                .isEqualTo(McpServer.Status.DISABLED);
        assertThat(b.serverBySlug("git").upstreamAuth())
                .isInstanceOf(io.gatehouse.protocol.bundle.UpstreamAuth.ClientCredentials.class);

        assertThat(b.identityProviders()).singleElement().satisfies(p -> {
            assertThat(p.issuer()).isEqualTo("https://idp.example.com");
            assertThat(p.audiences())
                    .as("an audience naming a route restricts the issuer to it")
                    .containsExactly(URI.create("https://mcp.example.com/mcp/files"));
            assertThat(p.claimMappings().groups()).isEqualTo("roles");
            assertThat(p.introspection().clientSecret().toString()).isEqualTo("file:/run/secrets/introspect");
            assertThat(p.algorithms()).contains("RS256", "ES256").doesNotContain("HS256", "none");
        });
        assertThat(b.scopes())
                .extracting(io.gatehouse.protocol.bundle.Scope::name)
                .containsExactly("files:read", "files:write");
        assertThat(b.scopes().get(1).implies()).containsExactly("files:read");
        assertThat(b.toolBindings()).singleElement().satisfies(t -> {
            assertThat(t.serverId()).isEqualTo(FILES);
            assertThat(t.toolPattern()).isEqualTo("write_*");
            assertThat(t.requiredScopes()).containsExactly("files:write");
            assertThat(t.risk()).isEqualTo(io.gatehouse.protocol.bundle.ToolBinding.Risk.DESTRUCTIVE);
            assertThat(t.guardedArguments()).containsExactly("path");
        });
        assertThat(b.policies())
                .extracting(io.gatehouse.protocol.bundle.PolicyRule::id)
                .as("enabled policies only, by priority, rule ids prefixed with the policy id")
                .containsExactly("pol-1:deny-shell", "pol-1:allow-admins", "pol-2:shadow");
        assertThat(b.policies())
                .extracting(io.gatehouse.protocol.bundle.PolicyRule::priority)
                .containsExactly(0, 1, 2);
        assertThat(b.policies().get(0).condition()).isEqualTo("tool == 'shell'");
        assertThat(b.policies().get(0).serverIds()).containsExactly(FILES);
        assertThat(b.policies().get(1).groups()).containsExactly("admins");
        assertThat(b.policies().get(2).mode()).isEqualTo(io.gatehouse.protocol.bundle.PolicyRule.Mode.SHADOW);
        assertThat(b.redactionRules()).singleElement().satisfies(r -> {
            assertThat(r.detectors()).containsExactly("email");
            assertThat(r.action()).isEqualTo(io.gatehouse.protocol.bundle.RedactionRule.Action.MASK);
            assertThat(r.direction()).isEqualTo(io.gatehouse.protocol.bundle.RedactionRule.Direction.RESPONSE);
        });
        assertThat(b.rateLimits()).singleElement().satisfies(r -> {
            assertThat(r.keyBy()).containsExactly(io.gatehouse.protocol.bundle.RateLimit.KeyDimension.PRINCIPAL);
            assertThat(r.refillPeriod()).isEqualTo(Duration.ofSeconds(60));
            assertThat(r.failureMode()).isEqualTo(io.gatehouse.protocol.bundle.RateLimit.FailureMode.CLOSED);
        });
        assertThat(b.killSwitches())
                .as("only active kill switches")
                .singleElement()
                .satisfies(k -> {
                    assertThat(k.scope()).isEqualTo(io.gatehouse.protocol.bundle.KillSwitch.Scope.TOOL);
                    assertThat(k.tool()).isEqualTo("delete_*");
                });
    }

    @Test
    void canonicalOutputIsDeterministicAndItsHashIsRecorded() throws Exception {
        BundleCompiler.Compiled first =
                compiler.compile(TENANT, GROUP, "https://mcp.example.com", sources(), 3, NOW, EXP);
        BundleCompiler.Compiled shuffled =
                compiler.compile(TENANT, GROUP, "https://mcp.example.com", shuffle(sources()), 3, NOW, EXP);

        assertThat(shuffled.content()).isEqualTo(first.content());
        assertThat(first.content()).isEqualTo(BundleCodec.canonicalJson(BundleCodec.decode(first.content())));
        assertThat(first.sha256()).isEqualTo(Digests.sha256Base64Url(first.content()));
        assertThat(BundleCodec.decode(first.content())).isEqualTo(first.bundle());
    }

    @Test
    void sectionHashIgnoresVersionAndTimeButNotContent() throws Exception {
        BundleCompiler.Compiled v3 = compiler.compile(TENANT, GROUP, "https://mcp.example.com", sources(), 3, NOW, EXP);
        BundleCompiler.Compiled v4 = compiler.compile(
                TENANT, GROUP, "https://mcp.example.com", sources(), 4, NOW.plusSeconds(60), EXP.plusSeconds(60));
        assertThat(v4.sha256()).isNotEqualTo(v3.sha256());
        assertThat(v4.sectionsSha256()).isEqualTo(v3.sectionsSha256());

        BundleSources changed = new BundleSources(
                sources().servers(),
                sources().identityProviders(),
                sources().scopes(),
                List.of(),
                sources().policies(),
                sources().redactionRules(),
                sources().rateLimits(),
                sources().killSwitches());
        assertThat(compiler.compile(TENANT, GROUP, "https://mcp.example.com", changed, 5, NOW, EXP)
                        .sectionsSha256())
                .isNotEqualTo(v3.sectionsSha256());
    }

    @Test
    void rollbackRecomposesOldContentUnderAHigherVersion() throws Exception {
        BundleCompiler.Compiled v3 = compiler.compile(TENANT, GROUP, "https://mcp.example.com", sources(), 3, NOW, EXP);
        BundleCompiler.Compiled v9 =
                compiler.recompose(BundleCodec.decode(v3.content()), 9, NOW.plusSeconds(600), EXP.plusSeconds(600));

        assertThat(v9.bundle().metadata().version()).isEqualTo(9);
        assertThat(v9.bundle().metadata().issuedAt()).isEqualTo(NOW.plusSeconds(600));
        assertThat(v9.sectionsSha256()).isEqualTo(v3.sectionsSha256());
        assertThat(BundleCompiler.withMetadata(v9.bundle(), v3.bundle().metadata()))
                .isEqualTo(v3.bundle());
        assertThat(v9.sha256()).isEqualTo(Digests.sha256Base64Url(v9.content()));
    }

    @Test
    void aServerTheDataPlaneCannotResolveIsLeftOutWithWhatOnlyConcernsIt() throws Exception {
        BundleSources withVault = new BundleSources(
                List.of(
                        server(FILES, "files", ServerStatus.APPROVED, bearer("env:FILES_TOKEN")),
                        server(VAULTED, "vaulted", ServerStatus.APPROVED, bearer("vault:kv/mcp#token"))),
                List.of(),
                List.of(scope("files:read")),
                List.of(binding("b-1", VAULTED, "*", List.of("files:read"))),
                List.of(policy("pol-1", 10, true, rule("only-vaulted", Effect.ALLOW, List.of(VAULTED), null))),
                List.of(),
                List.of(new RateLimit(
                        "rl-1", "rl", LimitKey.TENANT, VAULTED, null, 1, 1, 1, FailureMode.OPEN, 1, NOW, NOW)),
                List.of(kill("ks-1", KillSwitchScope.SERVER, VAULTED, null, true)));

        BundleCompiler.Compiled compiled =
                compiler.compile(TENANT, GROUP, "https://mcp.example.com", withVault, 1, NOW, EXP);

        assertThat(compiled.bundle().servers()).extracting(McpServer::slug).containsExactly("files");
        assertThat(compiled.bundle().toolBindings()).isEmpty();
        assertThat(compiled.bundle().policies())
                .as("a rule that targeted only the left-out server is dropped, never widened to every server")
                .isEmpty();
        assertThat(compiled.bundle().rateLimits()).isEmpty();
        assertThat(compiled.bundle().killSwitches()).isEmpty();
        assertThat(compiled.warnings())
                .singleElement()
                .asString()
                .contains("vaulted")
                .contains("vault:");
    }

    @Test
    void everyPolicyMatcherTravelsSoTheAgentDecidesWhatSimulateAnswered() throws Exception {
        PolicyRule narrow = new PolicyRule(
                "narrow",
                null,
                new RuleSubjects(List.of("alice"), null, List.of("ide"), java.util.Map.of("dept", "eng")),
                null,
                new RuleConditions(
                        null,
                        List.of("10.0.0.0/8"),
                        new io.gatehouse.protocol.api.TimeWindow(
                                List.of("mon", "tue"), "09:00", "17:00", "Europe/Berlin"),
                        java.util.Map.of("x-device", "managed")),
                Effect.ALLOW);
        BundleSources sources = new BundleSources(
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(policy("pol-9", 1, true, narrow)),
                List.of(),
                List.of(),
                List.of());
        io.gatehouse.protocol.bundle.PolicyRule rule = compiler.compile(
                        TENANT, GROUP, "https://mcp.example.com", sources, 1, NOW, EXP)
                .bundle()
                .policies()
                .get(0);
        assertThat(rule.id()).isEqualTo("pol-9:narrow");
        assertThat(rule.users()).containsExactly("alice");
        assertThat(rule.clients()).containsExactly("ide");
        assertThat(rule.claims()).containsEntry("dept", "eng");
        assertThat(rule.sourceCidrs()).containsExactly("10.0.0.0/8");
        assertThat(rule.timeWindows()).containsExactly("Mon,Tue 09:00-17:00 Europe/Berlin");
        assertThat(rule.headers()).containsEntry("x-device", "managed");
    }

    @Test
    void approvedServersCarryTheirApprovalAndToolPins() throws Exception {
        BundleSources plain = sources();
        io.gatehouse.protocol.bundle.ToolPin pin =
                new io.gatehouse.protocol.bundle.ToolPin("write_file", "sha256:" + "a".repeat(43));
        BundleSources pinned = new BundleSources(
                plain.servers(),
                plain.identityProviders(),
                plain.scopes(),
                plain.toolBindings(),
                plain.policies(),
                plain.redactionRules(),
                plain.rateLimits(),
                plain.killSwitches(),
                java.util.Map.of(
                        FILES,
                        new io.gatehouse.controlplane.domain.registry.ServerPins(
                                java.util.UUID.fromString(FILES),
                                io.gatehouse.protocol.api.ServerStatus.APPROVED,
                                List.of(pin))));
        Bundle b = compiler.compile(TENANT, GROUP, "https://mcp.example.com", pinned, 1, NOW, EXP)
                .bundle();
        assertThat(b.serverBySlug("files").approval()).isEqualTo(McpServer.Approval.APPROVED);
        assertThat(b.serverBySlug("files").toolPins()).containsExactly(pin);
        assertThat(b.serverBySlug("git").approval())
                .as("a server without pin data stays unmanaged")
                .isNull();
    }

    @Test
    void secretsNeverEnterTheBundleOnlyTheirReferences() throws Exception {
        BundleCompiler.Compiled compiled =
                compiler.compile(TENANT, GROUP, "https://mcp.example.com", sources(), 1, NOW, EXP);
        String json = new String(compiled.content(), StandardCharsets.UTF_8);
        assertThat(json).contains("env:FILES_TOKEN").contains("env:GIT_CLIENT_SECRET");
        assertThat(json).doesNotContain("password").doesNotContain("\"secret\":\"s3");
    }

    // ---- fixtures -------------------------------------------------------------------------------

    static BundleSources sources() {
        return new BundleSources(
                List.of(
                        server(FILES, "files", ServerStatus.APPROVED, bearer("env:FILES_TOKEN")),
                        server(
                                GIT,
                                "git",
                                ServerStatus.PENDING,
                                new UpstreamAuth(
                                        UpstreamAuthType.OAUTH2_CLIENT_CREDENTIALS,
                                        "env:GIT_CLIENT_SECRET",
                                        null,
                                        "https://auth.example.com/token",
                                        "gatehouse",
                                        List.of("repo")))),
                List.of(new IdentityProvider(
                        "idp-1",
                        "corp",
                        "https://idp.example.com",
                        null,
                        "https://idp.example.com/jwks",
                        "https://mcp.example.com/mcp/files",
                        new ClaimMappings("sub", "roles", "scp"),
                        new Introspection(
                                "https://idp.example.com/introspect", "gatehouse", "file:/run/secrets/introspect"),
                        1,
                        NOW,
                        NOW)),
                List.of(scope("files:write", "files:read"), scope("files:read")),
                List.of(binding("b-1", FILES, "write_*", List.of("files:write"))),
                List.of(
                        policy("pol-2", 20, true, rule("shadow", Effect.DENY, null, null), PolicyMode.SHADOW),
                        policy("pol-off", 1, false, rule("never", Effect.DENY, null, null)),
                        policy(
                                "pol-1",
                                10,
                                true,
                                rule("deny-shell", Effect.DENY, List.of(FILES), "tool == 'shell'"),
                                new PolicyRule(
                                        "allow-admins",
                                        "admins may",
                                        new RuleSubjects(null, List.of("admins"), null, null),
                                        null,
                                        null,
                                        Effect.ALLOW))),
                List.of(new RedactionRule(
                        "rr-1",
                        "emails",
                        List.of("email"),
                        List.of(),
                        Direction.RESPONSE,
                        RedactionAction.MASK,
                        List.of(),
                        1,
                        NOW,
                        NOW)),
                List.of(new RateLimit(
                        "rl-1",
                        "per user",
                        LimitKey.PRINCIPAL,
                        FILES,
                        "read_*",
                        100,
                        10,
                        60,
                        FailureMode.CLOSED,
                        1,
                        NOW,
                        NOW)),
                List.of(
                        kill("ks-1", KillSwitchScope.TOOL, FILES, "delete_*", true),
                        kill("ks-2", KillSwitchScope.TENANT, null, null, false)));
    }

    static BundleSources shuffle(BundleSources s) {
        Random random = new Random(42);
        return new BundleSources(
                shuffled(s.servers(), random),
                shuffled(s.identityProviders(), random),
                shuffled(s.scopes(), random),
                shuffled(s.toolBindings(), random),
                shuffled(s.policies(), random),
                shuffled(s.redactionRules(), random),
                shuffled(s.rateLimits(), random),
                shuffled(s.killSwitches(), random));
    }

    private static <T> List<T> shuffled(List<T> list, Random random) {
        List<T> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        Collections.shuffle(copy, random);
        return copy;
    }

    static Server server(String id, String slug, ServerStatus status, UpstreamAuth auth) {
        return new Server(
                id,
                slug + " server",
                slug,
                "http://" + slug + ".internal:3000/mcp",
                Transport.STREAMABLE_HTTP,
                auth,
                List.of("https://app.example.com"),
                status,
                Map.of("team", "x"),
                1,
                NOW,
                NOW);
    }

    static UpstreamAuth bearer(String ref) {
        return new UpstreamAuth(UpstreamAuthType.BEARER, ref, null, null, null, List.of());
    }

    static Scope scope(String name, String... implies) {
        return new Scope("s-" + name, name, null, List.of(implies), 1, NOW, NOW);
    }

    static ToolBinding binding(String id, String server, String pattern, List<String> scopes) {
        return new ToolBinding(id, server, pattern, scopes, Risk.DESTRUCTIVE, List.of("path"), 1, NOW, NOW);
    }

    static Policy policy(String id, int priority, boolean enabled, PolicyRule... rules) {
        return policy(id, priority, enabled, rules.length == 1 ? rules[0] : null, PolicyMode.ENFORCE, rules);
    }

    static Policy policy(String id, int priority, boolean enabled, PolicyRule rule, PolicyMode mode) {
        return policy(id, priority, enabled, rule, mode, new PolicyRule[] {rule});
    }

    private static Policy policy(
            String id, int priority, boolean enabled, PolicyRule ignored, PolicyMode mode, PolicyRule[] rules) {
        return new Policy(id, id, null, priority, mode, enabled, List.of(rules), 1, NOW, NOW);
    }

    static PolicyRule rule(String id, Effect effect, List<String> servers, String cel) {
        return new PolicyRule(
                id,
                null,
                null,
                servers == null ? null : new RuleTargets(servers, null, null),
                cel == null ? null : new RuleConditions(cel, null, null, null),
                effect);
    }

    static KillSwitch kill(String id, KillSwitchScope scope, String server, String tool, boolean active) {
        return new KillSwitch(
                id, scope, server, tool, "incident", active, "u-1", NOW, active ? null : "u-1", active ? null : NOW, 1);
    }
}
