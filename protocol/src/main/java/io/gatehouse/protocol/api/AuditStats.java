package io.gatehouse.protocol.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Aggregates for charts ({@code GET /api/v1/audit/stats}).
 *
 * @param bucketSeconds width of each time bucket
 * @param total events in [from, to)
 * @param byDecision counts per decision (ALLOW, DENY, SHADOW_DENY)
 * @param byTool the most frequent tools (calls without a tool are counted under "-")
 * @param buckets per time bucket, oldest first, only buckets with events
 */
public record AuditStats(
        Instant from,
        Instant to,
        long bucketSeconds,
        long total,
        Map<String, Long> byDecision,
        List<Count> byTool,
        List<Bucket> buckets) {

    public record Count(String key, long count) {}

    /** @param counts per decision within the bucket */
    public record Bucket(Instant start, long total, Map<String, Long> counts) {}
}
