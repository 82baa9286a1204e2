package io.gatehouse.protocol.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.protocol.signing.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The direct canonical writer ({@link AuditRecord#canonicalBytes()}, {@link AuditBatch#canonicalBytes()}) must
 * be byte-identical to canonicalizing the JSON tree, for every shape a record or batch can take: the signed and
 * hashed bytes of a batch must never depend on which path produced them.
 */
class AuditJsonCanonicalTest {

    @Test
    void recordsOfEveryShapeEncodeExactlyAsTheirCanonicalTree() {
        for (AuditRecord r : shapes()) {
            assertThat(new String(r.canonicalBytes(), StandardCharsets.UTF_8))
                    .as(r.id())
                    .isEqualTo(CanonicalJson.string(r.toJson()));
        }
    }

    @Test
    void recordsAndGapBatchesEncodeExactlyAsTheirCanonicalTree() {
        AuditBatch records = AuditBatch.records(
                AuditFixtures.TENANT, AuditFixtures.AGENT, ChainPosition.genesis(7), AuditFixtures.T0, shapes());
        assertThat(records.canonicalBytes()).isEqualTo(CanonicalJson.bytes(records.toJson()));
        AuditBatch gap = AuditBatch.gap(
                AuditFixtures.TENANT,
                AuditFixtures.AGENT,
                new ChainPosition(7, 3, records.hash()),
                AuditFixtures.T0.plusSeconds(5),
                new AuditGap(12, "QUEUE_FULL", AuditFixtures.T0, AuditFixtures.T0.plusMillis(900)));
        assertThat(gap.canonicalBytes()).isEqualTo(CanonicalJson.bytes(gap.toJson()));
        // and the strict parser accepts what the writer produced
        assertThat(AuditBatch.parse(records.canonicalBytes())).isEqualTo(records);
        assertThat(AuditBatch.parse(gap.canonicalBytes())).isEqualTo(gap);
    }

    @Test
    void randomRecordsEncodeExactlyAsTheirCanonicalTree() {
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            AuditRecord r = randomRecord(random, i);
            assertThat(r.canonicalBytes()).as(r.id()).isEqualTo(CanonicalJson.bytes(r.toJson()));
        }
    }

    @Test
    void aLoneSurrogateIsRefusedByBothPaths() {
        AuditRecord r = record("lone", "tool\uD800x", null, List.of());
        assertThatThrownBy(r::canonicalBytes)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lone surrogate");
        assertThatThrownBy(() -> CanonicalJson.bytes(r.toJson()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lone surrogate");
    }

    private static List<AuditRecord> shapes() {
        Instant t = AuditFixtures.T0;
        List<AuditRecord> list = new ArrayList<>(List.of(
                AuditFixtures.allowed("a-1", t),
                AuditFixtures.denied("d-1", t.plusMillis(1)),
                AuditFixtures.unauthenticated("u-1", t.plusMillis(2))));
        ObjectNode nested = CanonicalJson.object();
        nested.put("zeta", "quote \" backslash \\ tab \t newline \n é ☃ 😀");
        nested.put("alpha", 1.5e-7);
        nested.putArray("list").add(1).add("two").addObject().put("b", true).putNull("a");
        list.add(record("n-1", "tool with \"quotes\" and ünïcode 😀", nested, List.of()));
        list.add(record(
                "f-1",
                "scan",
                null,
                List.of(
                        new Finding(Finding.Kind.SUPPLY_CHAIN, "tool_drift", null),
                        new Finding(Finding.Kind.PROMPT_INJECTION, "ignore_previous", "in result \"x\""),
                        new Finding(Finding.Kind.REDACTION, "email", "2 matches"))));
        return list;
    }

    private static AuditRecord record(String id, String tool, ObjectNode redacted, List<Finding> findings) {
        return new AuditRecord(
                id,
                AuditFixtures.T0.plusNanos(123),
                AuditFixtures.TENANT,
                AuditFixtures.AGENT,
                new Principal("sub \u00e9", "https://idp.example", "client"),
                "srv",
                "tools/call",
                tool,
                null,
                redacted,
                Decision.SHADOW_DENY,
                null,
                "SHADOW",
                0,
                0,
                599,
                findings);
    }

    private static AuditRecord randomRecord(Random random, int i) {
        boolean principal = random.nextBoolean();
        return new AuditRecord(
                "r-" + i,
                Instant.ofEpochSecond(1_700_000_000L + random.nextInt(1_000_000), random.nextInt(1_000_000_000)),
                AuditFixtures.TENANT,
                AuditFixtures.AGENT,
                principal
                        ? new Principal(text(random), text(random), random.nextBoolean() ? text(random) : null)
                        : null,
                text(random),
                text(random),
                random.nextBoolean() ? text(random) : null,
                random.nextBoolean() ? "A".repeat(43) : null,
                random.nextBoolean() ? CanonicalJson.object().put(text(random), text(random)) : null,
                Decision.values()[random.nextInt(3)],
                random.nextBoolean() ? text(random) : null,
                "K_" + random.nextInt(1000),
                random.nextInt(Integer.MAX_VALUE),
                Math.abs(random.nextLong() % CanonicalJson.MAX_SAFE_INTEGER),
                random.nextBoolean() ? 100 + random.nextInt(500) : null,
                random.nextBoolean()
                        ? List.of(new Finding(Finding.Kind.REDACTION, "d" + random.nextInt(9), text(random)))
                        : List.of());
    }

    /** 1-20 printable characters, some needing escapes or beyond the BMP. */
    private static String text(Random random) {
        String alphabet = "abcXYZ019 _-./\"\\é☃";
        StringBuilder s = new StringBuilder();
        int n = 1 + random.nextInt(20);
        for (int i = 0; i < n; i++) {
            if (random.nextInt(15) == 0) {
                s.append("😀");
            } else {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
        }
        return s.toString();
    }
}
