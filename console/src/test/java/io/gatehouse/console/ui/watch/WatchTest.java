package io.gatehouse.console.ui.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.gatehouse.protocol.api.AuditEvent;
import io.gatehouse.protocol.api.AuditFinding;
import io.gatehouse.protocol.api.AuditStats;
import io.gatehouse.protocol.api.AuditVerification;
import io.gatehouse.protocol.api.BundleVersion;
import io.gatehouse.protocol.api.DataPlane;
import io.gatehouse.protocol.api.DataPlaneReject;
import io.gatehouse.protocol.api.DataPlaneState;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** The watch screens' plain objects: fleet wording, audit filters, chart series and the SVG itself. */
class WatchTest {
    static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");

    @Test
    void fleetWordsLivenessBundlesDriftAndRejects() {
        assertThat(FleetText.age(null, NOW)).isEqualTo("never");
        assertThat(FleetText.age(NOW.minusSeconds(4), NOW)).isEqualTo("4 s ago");
        assertThat(FleetText.age(NOW.minusSeconds(600), NOW)).isEqualTo("10 min ago");
        assertThat(FleetText.age(NOW.minusSeconds(5 * 3600), NOW)).isEqualTo("5 h ago");
        assertThat(FleetText.age(NOW.minusSeconds(3 * 86400), NOW)).isEqualTo("3 d ago");
        assertThat(FleetText.age(NOW.plusSeconds(3), NOW)).as("clock skew").isEqualTo("0 s ago");

        DataPlane synced = agent(7, 7, false, null);
        assertThat(FleetText.bundle(synced)).isEqualTo("applied v7 of v7");
        assertThat(FleetText.drift(synced)).isEqualTo("in sync");
        DataPlane behind = agent(5, 7, true, new DataPlaneReject(6L, "BAD_SIGNATURE", "kid k2 not trusted", NOW));
        assertThat(FleetText.drift(behind)).isEqualTo("drift: 2 behind");
        assertThat(FleetText.reject(behind.lastReject())).isEqualTo("v6 BAD_SIGNATURE: kid k2 not trusted");
        assertThat(FleetText.reject(null)).isEmpty();
        assertThat(FleetText.bundle(agent(0, 0, false, null))).isEqualTo("none yet");

        assertThat(FleetView.latestBundle("default", List.of())).isEqualTo("default: no bundle yet");
        assertThat(FleetView.latestBundle("default", List.of(bundle(9, null, "broker down"))))
                .isEqualTo("default: latest bundle v9, waiting to publish (broker down)");
        assertThat(FleetView.latestBundle("edge", List.of(bundle(3, NOW, null))))
                .isEqualTo("edge: latest bundle v3, published");
    }

    @Test
    void auditFiltersBecomeTheApiQuery() {
        AuditFilter all = AuditFilter.of(AuditFilter.Range.HOUR);
        assertThat(all.parameters(NOW)).containsExactly(Map.entry("from", "2026-11-24T07:00:00Z"));

        AuditFilter some = new AuditFilter(AuditFilter.Range.WEEK, null, null, " alice ", "", "echo", "DENY", "rule-7");
        assertThat(some.parameters(NOW))
                .containsExactly(
                        Map.entry("from", "2026-11-17T08:00:00Z"),
                        Map.entry("principal", "alice"),
                        Map.entry("tool", "echo"),
                        Map.entry("decision", "DENY"),
                        Map.entry("q", "rule-7"));

        AuditFilter custom = new AuditFilter(
                AuditFilter.Range.DAY,
                LocalDateTime.parse("2026-11-20T10:00"),
                LocalDateTime.parse("2026-11-20T12:30"),
                null,
                "demo",
                null,
                null,
                null);
        assertThat(custom.parameters(NOW))
                .as("a custom from/to wins over the preset")
                .containsExactly(
                        Map.entry("from", "2026-11-20T10:00:00Z"),
                        Map.entry("to", "2026-11-20T12:30:00Z"),
                        Map.entry("server", "demo"));
        assertThat(custom.end(NOW)).isEqualTo(Instant.parse("2026-11-20T12:30:00Z"));
        assertThat(all.end(NOW)).isEqualTo(NOW);
        assertThat(custom.query(NOW)).isNotNull();
        assertThat(custom.exportName(NOW, "csv")).isEqualTo("audit-20261120T1000Z.csv");
    }

    @Test
    void chartSeriesFollowTheApisBucketGrid() {
        Instant from = Instant.parse("2026-11-24T07:00:30Z");
        Instant to = Instant.parse("2026-11-24T08:00:30Z");
        AuditStats stats = new AuditStats(
                from,
                to,
                600,
                9,
                Map.of("ALLOW", 6L, "DENY", 3L),
                List.of(new AuditStats.Count("echo", 7), new AuditStats.Count("-", 2)),
                List.of(
                        new AuditStats.Bucket(
                                Instant.parse("2026-11-24T07:00:00Z"), 4, Map.of("ALLOW", 3L, "DENY", 1L)),
                        new AuditStats.Bucket(
                                Instant.parse("2026-11-24T07:40:00Z"), 5, Map.of("ALLOW", 3L, "DENY", 2L))));
        AuditCharts.Grid grid = AuditCharts.Grid.of(stats);
        assertThat(grid.start()).isEqualTo(Instant.parse("2026-11-24T07:00:00Z"));
        assertThat(grid.count()).isEqualTo(7); // 07:00 … 08:00, the last one holds the range's end
        assertThat(AuditCharts.calls(stats, grid)).containsExactly(4, 0, 0, 0, 5, 0, 0);
        assertThat(AuditCharts.decided(stats, grid, "DENY")).containsExactly(1, 0, 0, 0, 2, 0, 0);
        assertThat(AuditCharts.topTools(stats))
                .containsExactly(new SvgCharts.Bar("echo", 7), new SvgCharts.Bar("(no tool)", 2));

        AuditCharts.RedactionCounter redactions = new AuditCharts.RedactionCounter(grid);
        redactions.accept(
                event(Instant.parse("2026-11-24T07:12:00Z"), List.of(new AuditFinding("REDACTION", "email", "1"))));
        redactions.accept(
                event(Instant.parse("2026-11-24T07:13:00Z"), List.of(new AuditFinding("PROMPT_INJECTION", "x", null))));
        redactions.accept(
                event(Instant.parse("2026-11-24T09:00:00Z"), List.of(new AuditFinding("REDACTION", "email", "1"))));
        assertThat(redactions.values()).containsExactly(0, 1, 0, 0, 0, 0, 0);
        assertThat(redactions.seen()).isEqualTo(3);
    }

    @Test
    void chartsAreWellFormedSvgWithEscapedLabels() throws Exception {
        String hostile = "<script>alert('x')</script> & \"tool\"\u0001";
        String bars = SvgCharts.bars("Top tools", List.of(new SvgCharts.Bar(hostile, 5), new SvgCharts.Bar("echo", 2)));
        Document doc = parse(bars);
        NodeList rects = doc.getElementsByTagName("rect");
        assertThat(rects.getLength()).isEqualTo(2);
        assertThat(rects.item(0).getAttributes().getNamedItem("data-label").getNodeValue())
                .isEqualTo("<script>alert('x')</script> & \"tool\"\uFFFD");
        assertThat(bars).doesNotContain("<script>");
        double wide = Double.parseDouble(
                rects.item(0).getAttributes().getNamedItem("width").getNodeValue());
        double narrow = Double.parseDouble(
                rects.item(1).getAttributes().getNamedItem("width").getNodeValue());
        assertThat(narrow / wide).isCloseTo(0.4, org.assertj.core.data.Offset.offset(0.01));

        String lines = SvgCharts.timeSeries(
                "Calls over time",
                Instant.parse("2026-11-24T07:00:00Z"),
                600,
                List.of(
                        new SvgCharts.Series("calls", "#1676f3", new long[] {4, 0, 5}),
                        new SvgCharts.Series("denies", "#e8412c", new long[] {1, 0, 2})));
        Document chart = parse(lines);
        NodeList series = chart.getElementsByTagName("polyline");
        assertThat(series.getLength()).isEqualTo(2);
        assertThat(series.item(0).getAttributes().getNamedItem("data-total").getNodeValue())
                .isEqualTo("9");
        String points = series.item(0).getAttributes().getNamedItem("points").getNodeValue();
        assertThat(points.split(" ")).hasSize(3);
        // the highest value touches the top of the plot, zero the x axis
        assertThat(points.split(" ")[2]).endsWith(",34.0");
        assertThat(points.split(" ")[1]).endsWith(",200.0");
        assertThat(lines).contains("calls (9)").contains("denies (3)").contains("11-24 07:00 UTC");
        assertThat(SvgCharts.bars("Top tools", List.of())).contains("No calls in this range");
    }

    @Test
    void auditValuesAreWorded() {
        AuditEvent e = event(NOW, List.of(new AuditFinding("REDACTION", "email", "2 matches")));
        assertThat(AuditExplorerView.AuditText.what(e)).isEqualTo("echo");
        assertThat(AuditExplorerView.AuditText.latency(850)).isEqualTo("850 µs");
        assertThat(AuditExplorerView.AuditText.latency(12_345)).isEqualTo("12.3 ms");
        assertThat(AuditExplorerView.AuditText.findings(e.findings())).isEqualTo("REDACTION email: 2 matches");
        assertThat(AuditExplorerView.AuditText.findings(List.of())).isEqualTo("none");
        assertThat(AuditExplorerView.AuditText.time(Instant.parse("2026-11-24T08:00:01.123456Z")))
                .isEqualTo("2026-11-24 08:00:01.123Z");
        AuditVerification ok = new AuditVerification(
                true, NOW, NOW, 3, 40, List.of(new AuditVerification.Agent("a1", true, 3, 40, 1, 3, null, null)));
        assertThat(AuditExplorerView.AuditText.verification(ok))
                .isEqualTo("Chain verified: 3 batches, 40 records, 1 agent");
        AuditVerification broken = new AuditVerification(
                false,
                NOW,
                NOW,
                3,
                40,
                List.of(new AuditVerification.Agent("a1", false, 3, 40, 1, 5, null, List.of("4-4"))));
        assertThat(AuditExplorerView.AuditText.verification(broken))
                .isEqualTo("Verification FAILED for agent a1: missing batches 4-4 (3 batches, 40 records, 1 agent)");
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static DataPlane agent(long applied, long desired, boolean drift, DataPlaneReject reject) {
        return new DataPlane(
                "a1",
                "edge-1",
                "g1",
                "kid",
                "0.1.0",
                DataPlaneState.ONLINE,
                NOW,
                NOW,
                NOW,
                applied,
                desired,
                drift,
                reject,
                null,
                1);
    }

    private static BundleVersion bundle(long version, Instant publishedAt, String lastError) {
        return new BundleVersion("g1", version, "CHANGE", null, "sha", "k1", NOW, NOW, null, publishedAt, lastError);
    }

    static AuditEvent event(Instant time, List<AuditFinding> findings) {
        return new AuditEvent(
                "e1",
                time,
                "r1",
                "a1",
                1,
                1,
                "alice",
                "http://issuer",
                "client",
                "demo",
                "tools/call",
                "echo",
                "digest",
                JsonNodeFactory.instance.objectNode().put("message", "hi"),
                "ALLOW",
                "default",
                "allowed",
                7,
                1200,
                200,
                findings);
    }
}
