package io.gatehouse.dataplane.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.dataplane.auth.SecretResolver;
import io.gatehouse.dataplane.redaction.RedactionHashKey;
import io.gatehouse.engine.redaction.Redactor;
import io.gatehouse.protocol.bundle.RedactionRule;
import io.gatehouse.protocol.signing.KeyRing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The redaction {@code hash} action's key comes from the tenant: two agents enrolled with one tenant hash a value
 * the same, an agent of another tenant differently; the key is stored sealed with the enrollment and never shows in
 * the state's {@code toString}; a local-bundle agent takes it from {@code redaction.hashKey}.
 */
class RedactionHashKeyEnrollmentTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<RedactionRule> HASH_EMAILS = List.of(new RedactionRule(
            "hash-mail", "mail", List.of("email"), List.of(), RedactionRule.Direction.BOTH, RedactionRule.Action.HASH));

    @TempDir
    Path tmp;

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    private EnrolledState enroll(String tenant, String key, String name) throws Exception {
        KeyRing ring = FleetFixtures.ring(tenant);
        try (FakeControlPlane cp = new FakeControlPlane(
                tenant, "prod", () -> ring, List.of(ring.trustSet().compact()), "pulsar://127.0.0.1:6650", "tok")) {
            cp.redactionHashKey(key);
            Path dir = tmp.resolve(name);
            new Enrollment(Clock.systemUTC()).enroll(dir, cp.url(), cp.issueToken(), name, "1.0.0");
            return EnrolledState.load(dir, Instant.now()); // as a restarted agent reads it back
        }
    }

    private static String hashed(EnrolledState agent) throws Exception {
        byte[] key = RedactionHashKey.choose(agent.redactionHashKey(), null, new SecretResolver(n -> null))
                .key();
        JsonNode value = JSON.readTree("{\"text\":\"write to alice@example.com\"}");
        return Redactor.compile(HASH_EMAILS, key)
                .redact(value, RedactionRule.Direction.RESPONSE)
                .value()
                .get("text")
                .asText();
    }

    @Test
    void agentsOfOneTenantHashAlikeAndAnotherTenantsDiffer() throws Exception {
        String acmeKey = newKey();
        EnrolledState first = enroll("acme", acmeKey, "edge-1");
        EnrolledState second = enroll("acme", acmeKey, "edge-2");
        EnrolledState other = enroll("globex", newKey(), "edge-3");

        assertThat(hashed(first)).doesNotContain("alice").isEqualTo(hashed(second));
        assertThat(hashed(other)).doesNotContain("alice").isNotEqualTo(hashed(first));
        assertThat(first.toString()).doesNotContain(acmeKey);
        for (Path file : Files.list(first.stateDir()).toList()) {
            assertThat(Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1))
                    .as("sealed at rest: " + file.getFileName())
                    .doesNotContain(acmeKey);
        }
    }

    @Test
    void anAgentEnrolledWithoutAKeyOrConfigFallsBackToAProcessKey() throws Exception {
        EnrolledState legacy = enroll("acme", null, "old");
        assertThat(legacy.redactionHashKey()).isEmpty();
        RedactionHashKey.Chosen chosen = RedactionHashKey.choose(Optional.empty(), null, new SecretResolver(n -> null));
        assertThat(chosen.source()).isEqualTo(RedactionHashKey.Source.PROCESS);
        assertThat(chosen.key()).hasSize(32);
        assertThat(chosen.toString()).doesNotContain(Base64.getEncoder().encodeToString(chosen.key()));
    }

    @Test
    void aLocalBundleAgentTakesTheKeyFromItsConfigReference() throws Exception {
        String key = Base64.getEncoder()
                .encodeToString(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20});
        Path file = Files.writeString(tmp.resolve("hash.key"), key + "\n");
        SecretResolver secrets = new SecretResolver(Map.of("HASH_KEY", key)::get);
        RedactionHashKey.Chosen fromEnv = RedactionHashKey.choose(Optional.empty(), "env:HASH_KEY", secrets);
        RedactionHashKey.Chosen fromFile = RedactionHashKey.choose(Optional.empty(), "file:" + file, secrets);
        assertThat(fromEnv.source()).isEqualTo(RedactionHashKey.Source.CONFIG);
        assertThat(fromEnv.key()).isEqualTo(fromFile.key()).hasSize(20);

        assertThatThrownBy(() -> RedactionHashKey.choose(Optional.empty(), "env:MISSING", secrets))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("redaction.hashKey:");
        SecretResolver shortKey = new SecretResolver(Map.of("K", "AAAA")::get);
        assertThatThrownBy(() -> RedactionHashKey.choose(Optional.empty(), "env:K", shortKey))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("3 bytes (expected: at least 16)")
                .hasMessageNotContaining("AAAA");
    }
}
