package io.gatehouse.bench;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.gatehouse.protocol.bundle.Bundle;
import io.gatehouse.protocol.bundle.BundleCodec;
import io.gatehouse.protocol.bundle.BundleMetadata;
import io.gatehouse.protocol.bundle.IdentityProvider;
import io.gatehouse.protocol.bundle.McpServer;
import io.gatehouse.protocol.bundle.Scope;
import io.gatehouse.protocol.bundle.ToolBinding;
import io.gatehouse.protocol.bundle.UpstreamAuth;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

/**
 * Writes the benchmark's inputs into a folder: an RSA JWKS ({@code jwks.json}, served by
 * {@link FastUpstream}), a token for the route ({@code token.txt}), a bundle with one route whose
 * {@code tools/call} of {@code echo} needs scope {@code bench:call}, and the agent's config.
 *
 * <p>{@code BenchSetup <dir> <upstreamPort> <agentPort> <adminPort>}
 */
public final class BenchSetup {

    private BenchSetup() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int upstreamPort = Integer.parseInt(args[1]);
        int agentPort = Integer.parseInt(args[2]);
        int adminPort = Integer.parseInt(args[3]);
        Files.createDirectories(dir);
        String issuer = "http://127.0.0.1:" + upstreamPort;
        String resource = "http://127.0.0.1:" + agentPort + "/mcp/bench";

        RSAKey key = new RSAKeyGenerator(2048).keyID("bench").generate();
        Files.writeString(dir.resolve("jwks.json"), new JWKSet(key.toPublicJWK()).toString());
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
        Files.writeString(dir.resolve("token.txt"), jwt.serialize());

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
                List.of(),
                List.of(),
                List.of(),
                List.of());
        Files.write(dir.resolve("bundle.json"), BundleCodec.canonicalJson(bundle));
        Files.writeString(dir.resolve("config.yml"), """
                bundleFile: bundle.json
                listener: {host: 127.0.0.1, port: %d}
                admin: {host: 127.0.0.1, port: %d}
                audit: {file: audit.jsonl}
                """.formatted(agentPort, adminPort));
        System.out.println("bench inputs written to " + dir);
    }
}
