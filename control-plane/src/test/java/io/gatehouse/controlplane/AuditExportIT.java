package io.gatehouse.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.protocol.api.SignupRequest;
import io.gatehouse.protocol.api.SignupResponse;
import io.gatehouse.sdk.AuditQuery;
import io.gatehouse.sdk.AuditService;
import io.gatehouse.sdk.Gatehouse;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * 1 000 000 audit rows exported through the API (JSON Lines and CSV) by a control plane whose whole JVM has a
 * 160 MiB heap (see the {@code audit-export-small-heap} failsafe execution): the rows alone are several hundred
 * MiB of JSON, so this only passes if the export streams from a server-side cursor to the response.
 */
class AuditExportIT {

    static final int ROWS = 1_000_000;

    @Test
    void oneMillionRowsStreamInABoundedHeap() throws Exception {
        long maxHeap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
        // the audit-export-small-heap failsafe execution runs this with -Xmx160m; anywhere else it proves nothing
        org.junit.jupiter.api.Assumptions.assumeTrue(
                maxHeap <= 170L * 1024 * 1024, "runs only in the small-heap execution (-Xmx160m)");
        ControlPlaneFixture cp = ControlPlaneFixture.get();
        SignupResponse signup = cp.anonymous()
                .auth()
                .signup(new SignupRequest(
                        "Export", "export-" + UUID.randomUUID() + "@example.test", "correct horse export"));
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(2, ChronoUnit.HOURS);
        try (Connection c = cp.postgres().connect("gatehouse_app", "app")) {
            c.createStatement().execute("SELECT set_config('app.tenant_id', '" + signup.tenantId() + "', false)");
            try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_events (tenant_id, time, agent_id, epoch,"
                    + " seq, idx, record_id, principal_subject, principal_issuer, server, method, tool, decision, reason,"
                    + " bundle_version, latency_micros, upstream_status)"
                    + " SELECT ?, CAST(? AS timestamptz) + g * interval '1 millisecond', 'agent-x', 1, g / 1000 + 1, g % 1000, 'r-' || g,"
                    + " 'user-' || (g % 100), 'https://idp.example', 'files', 'tools/call', 'read_file',"
                    + " CASE WHEN g % 10 = 0 THEN 'DENY' ELSE 'ALLOW' END,"
                    + " CASE WHEN g % 10 = 0 THEN 'INSUFFICIENT_SCOPE' ELSE 'ALLOWED' END, 3, 250, 200"
                    + " FROM generate_series(0, ?) AS g")) {
                s.setObject(1, UUID.fromString(signup.tenantId()));
                s.setTimestamp(2, Timestamp.from(start));
                s.setInt(3, ROWS - 1);
                assertThat(s.executeUpdate()).isEqualTo(ROWS);
            }
        }
        Gatehouse owner = cp.anonymous().withToken(signup.token());
        AuditQuery range = AuditQuery.create().from(start).to(start.plus(1, ChronoUnit.HOURS));

        AtomicLong events = new AtomicLong();
        AtomicLong denies = new AtomicLong();
        long read = owner.audit().export(range, e -> {
            events.incrementAndGet();
            if (e.decision().equals("DENY")) {
                denies.incrementAndGet();
            }
        });
        assertThat(read).isEqualTo(ROWS);
        assertThat(denies.get()).isEqualTo(ROWS / 10);

        CountingStream csv = new CountingStream();
        owner.audit().export(range, AuditService.Format.CSV, csv);
        assertThat(csv.lines).isEqualTo(ROWS + 1); // header + rows
    }

    /** Counts bytes and lines without keeping them. */
    static final class CountingStream extends OutputStream {
        long bytes;
        long lines;

        @Override
        public void write(int b) {
            bytes++;
            if (b == '\n') {
                lines++;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    lines++;
                }
            }
        }
    }
}
