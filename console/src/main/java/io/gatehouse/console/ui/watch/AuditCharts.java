package io.gatehouse.console.ui.watch;

import io.gatehouse.protocol.api.AuditEvent;
import io.gatehouse.protocol.api.AuditFinding;
import io.gatehouse.protocol.api.AuditStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Turns audit aggregates into chart series. Pure, unit-tested. */
public final class AuditCharts {
    /** Most buckets a chart draws (the API's default is about 100 over the range). */
    static final int MAX_BUCKETS = 400;

    private AuditCharts() {}

    /**
     * The bucket grid of {@code stats}: the first bucket holds {@code from} (buckets are aligned to multiples of
     * their width since the epoch, as the API aligns them).
     */
    public record Grid(Instant start, long bucketSeconds, int count) {
        public static Grid of(AuditStats stats) {
            long width = Math.max(1, stats.bucketSeconds());
            long first = Math.floorDiv(stats.from().getEpochSecond(), width);
            long last = Math.floorDiv(stats.to().getEpochSecond() - 1, width);
            int count = (int) Math.min(MAX_BUCKETS, Math.max(1, last - first + 1));
            return new Grid(Instant.ofEpochSecond(first * width), width, count);
        }

        /** The bucket index of {@code time}, or -1 outside the grid. */
        public int index(Instant time) {
            long i = Math.floorDiv(time.getEpochSecond() - start.getEpochSecond(), bucketSeconds);
            return i < 0 || i >= count ? -1 : (int) i;
        }
    }

    /** Calls (every decision) per bucket. */
    public static long[] calls(AuditStats stats, Grid grid) {
        long[] values = new long[grid.count()];
        for (AuditStats.Bucket b : stats.buckets()) {
            int i = grid.index(b.start());
            if (i >= 0) {
                values[i] += b.total();
            }
        }
        return values;
    }

    /** Calls with {@code decision} per bucket. */
    public static long[] decided(AuditStats stats, Grid grid, String decision) {
        long[] values = new long[grid.count()];
        for (AuditStats.Bucket b : stats.buckets()) {
            int i = grid.index(b.start());
            if (i >= 0 && b.counts() != null) {
                values[i] += b.counts().getOrDefault(decision, 0L);
            }
        }
        return values;
    }

    /** Whether an event had something redacted (or blocked) by a redaction rule. */
    public static boolean redacted(AuditEvent event) {
        for (AuditFinding f : event.findings()) {
            if ("REDACTION".equals(f.kind())) {
                return true;
            }
        }
        return false;
    }

    /** Counts redacted events per bucket; events outside the grid are ignored. */
    public static final class RedactionCounter {
        private final Grid grid;
        private final long[] values;
        private long seen;

        public RedactionCounter(Grid grid) {
            this.grid = grid;
            this.values = new long[grid.count()];
        }

        public void accept(AuditEvent event) {
            seen++;
            if (redacted(event)) {
                int i = grid.index(event.time());
                if (i >= 0) {
                    values[i]++;
                }
            }
        }

        public long seen() {
            return seen;
        }

        public long[] values() {
            return values.clone();
        }
    }

    /** The top tools as bars ("-" is what the API counts calls without a tool under). */
    public static List<SvgCharts.Bar> topTools(AuditStats stats) {
        List<SvgCharts.Bar> bars = new ArrayList<>();
        for (AuditStats.Count c : stats.byTool()) {
            bars.add(new SvgCharts.Bar(c.key().equals("-") ? "(no tool)" : c.key(), c.count()));
        }
        return bars;
    }
}
