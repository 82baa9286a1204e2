package io.gatehouse.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.gatehouse.engine.redaction.Detectors;
import io.gatehouse.protocol.bundle.Bundle;
import io.gatehouse.protocol.bundle.BundleCodec;
import io.gatehouse.protocol.bundle.BundleMetadata;
import io.gatehouse.protocol.bundle.IdentityProvider;
import io.gatehouse.protocol.bundle.McpServer;
import io.gatehouse.protocol.bundle.PolicyRule;
import io.gatehouse.protocol.bundle.PolicyRule.Effect;
import io.gatehouse.protocol.bundle.PolicyRule.Mode;
import io.gatehouse.protocol.bundle.RateLimit;
import io.gatehouse.protocol.bundle.RedactionRule;
import io.gatehouse.protocol.bundle.Scope;
import io.gatehouse.protocol.bundle.ToolBinding;
import io.gatehouse.protocol.bundle.ToolPin;
import io.gatehouse.protocol.bundle.UpstreamAuth;
import io.gatehouse.protocol.tools.ToolDefinition;
import io.gatehouse.protocol.tools.ToolFingerprint;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Writes the benchmark's inputs into a folder: an RSA JWKS ({@code jwks.json}, served by
 * {@link FastUpstream}), a token for the route ({@code token.txt}), a bundle with one route whose
 * {@code tools/call} of {@code echo} needs scope {@code bench:call}, and the agent's config; and the
 * same for the full-chain agent ({@code *-full.*}, ports + {@value #FULL_CHAIN_PORT_OFFSET}).
 *
 * <p>{@code BenchSetup <dir> <upstreamPort> <agentPort> <adminPort>}
 */
public final class BenchSetup {

    private BenchSetup() {}

    /** Port offset of the full-chain agent (its MCP and admin ports are the plain agent's + 2). */
    static final int FULL_CHAIN_PORT_OFFSET = 2;

    /** Policy rules of the full-chain bundle (none matches the benchmark's call but the last). */
    static final int FULL_CHAIN_RULES = 1000;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int upstreamPort = Integer.parseInt(args[1]);
        int agentPort = Integer.parseInt(args[2]);
        int adminPort = Integer.parseInt(args[3]);
        Files.createDirectories(dir);
        String issuer = "http://127.0.0.1:" + upstreamPort;
        RSAKey key = new RSAKeyGenerator(2048).keyID("bench").generate();
        Files.writeString(dir.resolve("jwks.json"), new JWKSet(key.toPublicJWK()).toString());
        write(dir, "", key, issuer, upstreamPort, agentPort, adminPort, false);
        write(
                dir,
                "-full",
                key,
                issuer,
                upstreamPort,
                agentPort + FULL_CHAIN_PORT_OFFSET,
                adminPort + FULL_CHAIN_PORT_OFFSET,
                true);
        System.out.println("bench inputs written to " + dir);
    }

    /**
     * Token, bundle and config of one agent ({@code token<suffix>.txt}, {@code bundle<suffix>.json},
     * {@code config<suffix>.yml}). The full chain adds {@value #FULL_CHAIN_RULES} policy rules (default deny,
     * the last rule allows the call), a local rate limit far above the benchmark's rate, request DLP and
     * response redaction with every built-in detector, and an approved server whose tool is pinned.
     */
    private static void write(
            Path dir,
            String suffix,
            RSAKey key,
            String issuer,
            int upstreamPort,
            int agentPort,
            int adminPort,
            boolean fullChain)
            throws Exception {
        String resource = "http://127.0.0.1:" + agentPort + "/mcp/bench";
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID("bench")
                        .type(JOSEObjectType.JWT)
                        .build(),
                new JWTClaimsSet.Builder()
                        .issuer(issuer)
                        .subject("bench-user")
                        .audience(resource)
                        .claim("scope", "bench:call")
                        .issueTime(new Date())
                        .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(2))))
                        .build());
        jwt.sign(new RSASSASigner(key));
        Files.writeString(dir.resolve("token" + suffix + ".txt"), jwt.serialize());

        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        McpServer server = new McpServer(
                "srv-bench",
                "Bench",
                "bench",
                URI.create("http://127.0.0.1:" + upstreamPort + "/mcp"),
                McpServer.Transport.STREAMABLE_HTTP,
                URI.create(resource),
                List.of(),
                List.of(),
                List.of(),
                McpServer.UnboundTools.DENY,
                new UpstreamAuth.None(),
                McpServer.Status.ACTIVE);
        if (fullChain) {
            ToolDefinition echo = ToolDefinition.parse(new ObjectMapper().readTree(FastUpstream.ECHO_TOOL));
            server = server.withApproval(
                    McpServer.Approval.APPROVED,
                    List.of(new ToolPin("echo", ToolFingerprint.of(echo).toString())));
        }
        Bundle bundle = new Bundle(
                new BundleMetadata("t-bench", "default", 1, 1, now, now.plus(1, ChronoUnit.DAYS)),
                List.of(server),
                List.of(new IdentityProvider(
                        "idp-bench",
                        issuer,
                        URI.create(issuer + "/jwks.json"),
                        null,
                        List.of(),
                        List.of("RS256"),
                        IdentityProvider.ClaimMappings.defaults(),
                        null)),
                List.of(new Scope("bench:call", "call the bench tool", List.of())),
                List.of(new ToolBinding(
                        "tb-echo", "srv-bench", "echo", List.of("bench:call"), ToolBinding.Risk.READ, List.of())),
                fullChain ? policies() : List.of(),
                fullChain
                        ? List.of(new RedactionRule(
                                "red-all",
                                "every built-in detector",
                                List.copyOf(Detectors.ids()),
                                List.of(),
                                RedactionRule.Direction.BOTH,
                                RedactionRule.Action.MASK))
                        : List.of(),
                fullChain
                        ? List.of(new RateLimit(
                                "rl-bench",
                                List.of(RateLimit.KeyDimension.PRINCIPAL, RateLimit.KeyDimension.TOOL),
                                "srv-bench",
                                "*",
                                100_000_000,
                                100_000_000,
                                Duration.ofSeconds(1),
                                RateLimit.FailureMode.LOCAL))
                        : List.of(),
                List.of(),
                fullChain ? PolicyRule.Effect.DENY : null);
        Files.write(dir.resolve("bundle" + suffix + ".json"), BundleCodec.canonicalJson(bundle));
        Files.writeString(dir.resolve("config" + suffix + ".yml"), """
                bundleFile: bundle%s.json
                listener: {host: 127.0.0.1, port: %d}
                admin: {host: 127.0.0.1, port: %d}
                audit: {wal: {dir: audit-wal%s}}
                """.formatted(suffix, agentPort, adminPort, suffix));
    }

    /**
     * {@value #FULL_CHAIN_RULES} rules in the shape of a real tenant's set: deny rules of every matcher kind
     * (tool globs, groups, claims, source addresses, headers, users, methods, CEL conditions, shadow rules), none
     * of which matches the benchmark's call, evaluated in full before the last rule allows it; default deny.
     */
    static List<PolicyRule> policies() {
        List<PolicyRule> rules = new ArrayList<>();
        for (int i = 0; i < FULL_CHAIN_RULES - 1; i++) {
            String id = "r" + i;
            rules.add(
                    switch (i % 8) {
                        case 0 -> rule(id, i, Mode.ENFORCE, List.of("delete_" + i + "_*"), null, null, null, null);
                        case 1 -> rule(id, i, Mode.ENFORCE, null, null, List.of("contractors-" + i), null, null);
                        case 2 -> rule(id, i, Mode.ENFORCE, null, null, null, "tool == 'never_" + i + "'", null);
                        case 3 -> rule(id, i, Mode.ENFORCE, null, List.of("resources/read"), null, null, null);
                        case 4 -> rule(id, i, Mode.ENFORCE, null, null, null, null, List.of("user-" + i));
                        case 5 ->
                            new PolicyRule(
                                    id,
                                    i,
                                    Effect.DENY,
                                    Mode.ENFORCE,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    Map.of("dept", "d" + i),
                                    null,
                                    List.of("10." + (i % 256) + ".0.0/16"),
                                    null,
                                    Map.of("x-device-posture", "unmanaged-" + i));
                        case 6 -> rule(id, i, Mode.SHADOW, List.of("write_*"), null, null, null, null);
                        default -> rule(id, i, Mode.ENFORCE, List.of("admin_" + i), null, List.of("ops"), null, null);
                    });
        }
        rules.add(new PolicyRule(
                "allow-echo",
                FULL_CHAIN_RULES,
                Effect.ALLOW,
                Mode.ENFORCE,
                "the benchmark's call",
                List.of("srv-bench"),
                List.of("echo"),
                List.of("tools/call"),
                null,
                null));
        return rules;
    }

    private static PolicyRule rule(
            String id,
            int priority,
            Mode mode,
            List<String> tools,
            List<String> methods,
            List<String> groups,
            String condition,
            List<String> users) {
        return new PolicyRule(
                id,
                priority,
                Effect.DENY,
                mode,
                null,
                null,
                tools,
                methods,
                groups,
                condition,
                users,
                null,
                null,
                null,
                null,
                null,
                null);
    }
}
