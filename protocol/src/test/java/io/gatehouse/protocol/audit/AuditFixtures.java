package io.gatehouse.protocol.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.protocol.signing.AgentIdentity;
import io.gatehouse.protocol.signing.CanonicalJson;
import io.gatehouse.protocol.signing.Golden;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Deterministic audit records, batches and a fixed agent key. */
final class AuditFixtures {

    static final String TENANT = "t-acme";
    static final String AGENT = "agent-7f3c";
    static final Instant T0 = Instant.parse("2026-11-24T02:00:00.123456Z");
    static final AgentIdentity AGENT_KEY =
            AgentIdentity.fromPrivateJwkJson(Golden.read("audit/test-agent-key.jwk.json"));

    private AuditFixtures() {}

    static AuditRecord allowed(String id, Instant time) {
        ObjectNode arguments =
                CanonicalJson.object().put("path", "/srv/data/report.txt").put("limit", 10);
        ObjectNode redacted =
                CanonicalJson.object().put("path", "/srv/data/report.txt").put("limit", 10);
        return new AuditRecord(
                id,
                time,
                TENANT,
                AGENT,
                new Principal("alice@example.com", "https://idp.example.com/realms/acme", "claude-desktop"),
                "files",
                "tools/call",
                "read_file",
                AuditRecord.digestArguments(arguments),
                redacted,
                Decision.ALLOW,
                "rule-read-docs",
                "RULE_ALLOW",
                42,
                1830,
                200,
                List.of());
    }

    static AuditRecord denied(String id, Instant time) {
        return new AuditRecord(
                id,
                time,
                TENANT,
                AGENT,
                new Principal("bob@example.com", "https://idp.example.com/realms/acme", null),
                "files",
                "tools/call",
                "write_file",
                AuditRecord.digestArguments(CanonicalJson.object().put("token", "AKIAABCDEFGHIJKLMNOP")),
                CanonicalJson.object().put("token", "[REDACTED:aws_access_key_id]"),
                Decision.DENY,
                "rule-no-writes",
                "SCOPE_MISSING",
                42,
                95,
                null,
                List.of(new Finding(Finding.Kind.REDACTION, "aws_access_key_id", "1 match in arguments.token")));
    }

    static AuditRecord unauthenticated(String id, Instant time) {
        return new AuditRecord(
                id,
                time,
                TENANT,
                AGENT,
                null,
                "files",
                "initialize",
                null,
                null,
                null,
                Decision.DENY,
                null,
                "AUTHENTICATION_REQUIRED",
                42,
                12,
                null,
                List.of());
    }

    /** {@code count} signed batches of epoch 1, starting at genesis, each with two records. */
    static List<SignedAuditBatch> chain(int count) {
        List<SignedAuditBatch> batches = new ArrayList<>();
        ChainPosition position = ChainPosition.genesis(1);
        for (int i = 0; i < count; i++) {
            Instant at = T0.plusSeconds(i * 5L);
            AuditBatch batch = AuditBatch.records(
                    TENANT,
                    AGENT,
                    position,
                    at.plusSeconds(4),
                    List.of(allowed("r-" + i + "-a", at), denied("r-" + i + "-b", at.plusMillis(300))));
            SignedAuditBatch signed = SignedAuditBatch.sign(batch, AGENT_KEY);
            batches.add(signed);
            position = ChainPosition.after(batch);
        }
        return batches;
    }
}
