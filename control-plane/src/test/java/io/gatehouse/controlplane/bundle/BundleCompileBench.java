package io.gatehouse.controlplane.bundle;

import io.gatehouse.protocol.api.Effect;
import io.gatehouse.protocol.api.KillSwitch;
import io.gatehouse.protocol.api.KillSwitchScope;
import io.gatehouse.protocol.api.Policy;
import io.gatehouse.protocol.api.PolicyMode;
import io.gatehouse.protocol.api.PolicyRule;
import io.gatehouse.protocol.api.RuleConditions;
import io.gatehouse.protocol.api.RuleTargets;
import io.gatehouse.protocol.api.Scope;
import io.gatehouse.protocol.api.Server;
import io.gatehouse.protocol.api.ServerStatus;
import io.gatehouse.protocol.api.ToolBinding;
import io.gatehouse.protocol.bundle.BundleCodec;
import io.gatehouse.protocol.signing.BundleRequest;
import io.gatehouse.protocol.signing.BundleSigner;
import io.gatehouse.protocol.signing.BundleVerifier;
import io.gatehouse.protocol.signing.KeyRing;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/**
 * Bundle size and compile/sign/verify time for a large tenant: 1,000 servers and 10,000 tool bindings (plus 50
 * scopes, 100 policies, 20 kill switches). Run by {@code control-plane/bench-bundles.sh}; results in
 * {@code bench/RESULTS.md}. Not a unit test: it prints medians of repeated runs after a warm-up.
 */
public final class BundleCompileBench {
    private static final int SERVERS = 1_000;
    private static final int BINDINGS = 10_000;
    private static final int RUNS = 15;

    public static void main(String[] args) throws Exception {
        String tenant = UUID.randomUUID().toString();
        String group = UUID.randomUUID().toString();
        BundleSources sources = sources();
        BundleCompiler compiler = new BundleCompiler();
        KeyRing ring = KeyRing.create(tenant, KeyRing.generateKey(), Instant.now(), Duration.ZERO);
        BundleSigner signer = new BundleSigner("bench");

        long[] compile = new long[RUNS];
        long[] sign = new long[RUNS];
        long[] verify = new long[RUNS];
        BundleCompiler.Compiled compiled = null;
        String jws = null;
        for (int warm = 0; warm < 5; warm++) {
            compiled = compiler.compile(tenant, group, "https://mcp.example.com", sources, 1, now(), later());
            jws = ring.signBundle(signer, request(compiled, tenant, group));
        }
        BundleVerifier verifier = new BundleVerifier(tenant, group, Set.of(1), Clock.systemUTC());
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            compiled = compiler.compile(tenant, group, "https://mcp.example.com", sources, i + 2, now(), later());
            long t1 = System.nanoTime();
            jws = ring.signBundle(signer, request(compiled, tenant, group));
            long t2 = System.nanoTime();
            verifier.verify(jws, ring.trustSet().trustSet(), 0);
            long t3 = System.nanoTime();
            compile[i] = t1 - t0;
            sign[i] = t2 - t1;
            verify[i] = t3 - t2;
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(jws.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        System.out.printf(
                "tenant: %d servers, %d tool bindings, %d scopes, %d policies, %d kill switches%n",
                SERVERS,
                BINDINGS,
                sources.scopes().size(),
                sources.policies().size(),
                sources.killSwitches().size());
        System.out.printf(
                "canonical bundle: %,d bytes; signed JWS: %,d bytes; JWS gzip: %,d bytes%n",
                compiled.content().length, jws.length(), gz.size());
        System.out.printf(
                "compile (map + validate + canonical JSON + hashes), median of %d: %.1f ms (min %.1f)%n",
                RUNS, median(compile), min(compile));
        System.out.printf("sign (ES256 JWS over canonical claims), median: %.1f ms%n", median(sign));
        System.out.printf("agent verify (BundleVerifier, incl. hash), median: %.1f ms%n", median(verify));
        byte[] content = contentOf(jws);
        long[] decode = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            BundleCodec.decode(content);
            decode[i] = System.nanoTime() - t0;
        }
        System.out.printf("decode (BundleCodec.decode, agent side), median: %.1f ms%n", median(decode));
    }

    private static byte[] contentOf(String jws) throws Exception {
        com.fasterxml.jackson.databind.JsonNode claims = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(java.util.Base64.getUrlDecoder().decode(jws.split("\\.")[1]));
        return java.util.Base64.getUrlDecoder().decode(claims.get("content").asText());
    }

    private static BundleRequest request(BundleCompiler.Compiled c, String tenant, String group) {
        return new BundleRequest(
                c.content(),
                tenant,
                group,
                c.bundle().metadata().version(),
                1,
                c.bundle().metadata().issuedAt(),
                c.bundle().metadata().expiresAt());
    }

    private static Instant now() {
        return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    private static Instant later() {
        return now().plus(Duration.ofDays(30));
    }

    private static double median(long[] nanos) {
        long[] copy = nanos.clone();
        Arrays.sort(copy);
        return copy[copy.length / 2] / 1e6;
    }

    private static double min(long[] nanos) {
        return Arrays.stream(nanos).min().orElseThrow() / 1e6;
    }

    static BundleSources sources() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        List<Server> servers = new ArrayList<>();
        List<ToolBinding> bindings = new ArrayList<>();
        List<Scope> scopes = new ArrayList<>();
        for (int s = 0; s < 50; s++) {
            scopes.add(new Scope("s" + s, "scope:" + s, "scope " + s, List.of(), 1, t, t));
        }
        for (int i = 0; i < SERVERS; i++) {
            String id = new UUID(0x0190f0aa00007000L, 0x8000000000000000L | i).toString();
            servers.add(BundleCompilerTest.server(
                    id, "srv-" + i, ServerStatus.APPROVED, BundleCompilerTest.bearer("env:TOKEN_" + i)));
            for (int b = 0; b < BINDINGS / SERVERS; b++) {
                bindings.add(new ToolBinding(
                        new UUID(0x0190f0bb00007000L, 0x8000000000000000L | (i * 100L + b)).toString(),
                        id,
                        "tool_" + b + "_*",
                        List.of("scope:" + (b % 50), "scope:" + ((b + 7) % 50)),
                        io.gatehouse.protocol.api.Risk.WRITE,
                        List.of("path", "url"),
                        1,
                        t,
                        t));
            }
        }
        List<Policy> policies = new ArrayList<>();
        for (int p = 0; p < 100; p++) {
            policies.add(new Policy(
                    "pol-" + p,
                    "policy " + p,
                    null,
                    p,
                    PolicyMode.ENFORCE,
                    true,
                    List.of(new PolicyRule(
                            "r",
                            null,
                            null,
                            new RuleTargets(List.of(servers.get(p).id()), List.of("delete_*"), null),
                            new RuleConditions("args.path.startsWith('/etc')", null, null, null),
                            Effect.DENY)),
                    1,
                    t,
                    t));
        }
        List<KillSwitch> kills = new ArrayList<>();
        for (int k = 0; k < 20; k++) {
            kills.add(new KillSwitch(
                    "ks-" + k,
                    KillSwitchScope.TOOL,
                    servers.get(k).id(),
                    "rm_*",
                    "incident",
                    true,
                    "u",
                    t,
                    null,
                    null,
                    1));
        }
        return new BundleSources(servers, List.of(), scopes, bindings, policies, List.of(), List.of(), kills);
    }
}
