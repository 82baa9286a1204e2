package io.gatehouse.dataplane.metrics;

import io.gatehouse.dataplane.audit.AuditRecord;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.DoubleSupplier;

/**
 * The agent's Prometheus metrics: requests, decisions and latency by route, method and outcome.
 * Labels are bounded: route slugs come from the bundle, methods are JSON-RPC method names (unknown
 * ones fold into {@code other}), reasons are stable error keys.
 */
public final class ProxyMetrics {

    private static final java.util.Set<String> KNOWN_METHODS = java.util.Set.of(
            "GET",
            "POST",
            "DELETE",
            "initialize",
            "ping",
            "tools/list",
            "tools/call",
            "resources/list",
            "resources/read",
            "resources/templates/list",
            "resources/subscribe",
            "resources/unsubscribe",
            "prompts/list",
            "prompts/get",
            "completion/complete",
            "logging/setLevel",
            "notifications/initialized",
            "notifications/cancelled",
            "notifications/progress",
            "notifications/roots/list_changed");

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests;
    private final Counter decisions;
    private final Histogram latency;

    public ProxyMetrics() {
        requests = Counter.builder()
                .name("gatehouse_dp_requests_total")
                .help("MCP requests handled, by route, method and outcome (allow, deny, error)")
                .labelNames("route", "method", "outcome")
                .register(registry);
        decisions = Counter.builder()
                .name("gatehouse_dp_decisions_total")
                .help("Decisions, by route, decision and reason (a stable error key; empty when allowed)")
                .labelNames("route", "decision", "reason")
                .register(registry);
        latency = Histogram.builder()
                .name("gatehouse_dp_request_duration_seconds")
                .help("Time from receipt to response completion (for streams: their end)")
                .labelNames("route", "method", "outcome")
                .classicOnly()
                .classicUpperBounds(
                        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
                .register(registry);
    }

    public void record(AuditRecord record, long nanos) {
        String method = KNOWN_METHODS.contains(record.methodLabel()) ? record.methodLabel() : "other";
        requests.labelValues(record.route(), method, record.decision()).inc();
        decisions
                .labelValues(record.route(), record.decision(), record.reason())
                .inc();
        latency.labelValues(record.route(), method, record.decision()).observe(nanos / 1e9);
    }

    /** Registers a gauge whose value is read at scrape time. */
    public void gauge(String name, String help, DoubleSupplier value) {
        GaugeWithCallback.builder()
                .name(name)
                .help(help)
                .callback(callback -> callback.call(value.getAsDouble()))
                .register(registry);
    }

    /** Registers a counter with the given labels (e.g. bundle rejections by reason). */
    public Counter counter(String name, String help, String... labelNames) {
        return Counter.builder().name(name).help(help).labelNames(labelNames).register(registry);
    }

    public String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }

    public void writeTo(OutputStream out) throws IOException {
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
    }
}
