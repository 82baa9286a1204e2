package io.gatehouse.dataplane.pipeline;

import io.gatehouse.dataplane.audit.AuditRecord;
import io.gatehouse.dataplane.audit.AuditSink;
import io.gatehouse.dataplane.auth.Principal;
import io.gatehouse.dataplane.mcp.JsonRpcMessage;
import io.gatehouse.dataplane.metrics.ProxyMetrics;
import io.gatehouse.protocol.signing.CanonicalJson;
import io.gatehouse.protocol.signing.Digests;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Outermost step: opens the request's {@link McpExchange} and, when the response completes (for a
 * stream: when it ends), hands exactly one audit record to the sink and records the metrics.
 */
public final class AuditHandler extends Handler.Wrapper {

    private final AuditSink sink;
    private final ProxyMetrics metrics;
    private final Clock clock;

    public AuditHandler(AuditSink sink, ProxyMetrics metrics, Clock clock, Handler next) {
        super(next);
        this.sink = sink;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        // a correlation id, not a secret: no SecureRandom on the hot path
        McpExchange exchange = McpExchange.start(
                request, HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()));
        Callback audited = new Callback() {
            @Override
            public void succeeded() {
                complete(exchange, response.getStatus(), null);
                callback.succeeded();
            }

            @Override
            public void failed(Throwable failure) {
                complete(exchange, response.isCommitted() ? response.getStatus() : 500, failure);
                callback.failed(failure);
            }

            @Override
            public InvocationType getInvocationType() {
                return callback.getInvocationType();
            }
        };
        try {
            if (super.handle(request, response, audited)) {
                return true;
            }
        } catch (Exception | Error e) {
            complete(exchange, 500, e);
            throw e;
        }
        exchange.outcome(Decision.DENY, ErrorKey.ROUTE_NOT_FOUND.name());
        return Responses.refuse(request, response, audited, Refusal.of(ErrorKey.ROUTE_NOT_FOUND, "no such MCP route"));
    }

    private void complete(McpExchange exchange, int status, Throwable failure) {
        if (failure != null && exchange.decision() == Decision.ALLOW) {
            exchange.outcome(Decision.ERROR, exchange.reason().isEmpty() ? "STREAM_ABORTED" : exchange.reason());
        }
        long nanos = System.nanoTime() - exchange.startNanos();
        AuditRecord record = toRecord(exchange, status, nanos, clock.instant());
        metrics.record(record, nanos);
        sink.accept(record);
    }

    /**
     * The audit record of one finished exchange. This is the one place that reads the exchange for audit: a
     * step that learns something auditable (policy rule, redacted arguments, findings) exposes it on
     * {@link McpExchange} and it is mapped here. Raw arguments are only digested, never recorded.
     */
    static AuditRecord toRecord(McpExchange exchange, int status, long nanos, Instant now) {
        Principal principal = exchange.principal();
        JsonRpcMessage message = exchange.message();
        return new AuditRecord(
                now,
                exchange.requestId(),
                exchange.bundle() == null ? "" : exchange.bundle().metadata().tenantId(),
                exchange.bundle() == null ? 0 : exchange.bundle().metadata().version(),
                exchange.route() == null ? "" : exchange.route().slug(),
                principal == null ? "" : principal.subject(),
                principal == null ? "" : principal.issuer(),
                principal == null || principal.clientId() == null ? "" : principal.clientId(),
                exchange.httpMethod(),
                message == null || message.method() == null ? "" : message.method(),
                message == null || message.toolName() == null ? "" : message.toolName(),
                message == null || message.resourceUri() == null ? "" : message.resourceUri(),
                message == null || message.promptName() == null ? "" : message.promptName(),
                exchange.decision().label(),
                exchange.reason(),
                status,
                nanos / 1_000_000.0,
                argumentDigest(message),
                null,
                exchange.policyDecision() == null || exchange.policyDecision().ruleId() == null
                        ? ""
                        : exchange.policyDecision().ruleId(),
                exchange.findings());
    }

    private static String argumentDigest(JsonRpcMessage message) {
        if (message == null
                || message.arguments() == null
                || !message.arguments().isObject()) {
            return "";
        }
        try {
            return Digests.sha256Base64Url(CanonicalJson.bytes(message.arguments()));
        } catch (IllegalArgumentException notCanonicalizable) {
            return ""; // e.g. a number JSON cannot carry exactly; the call is still audited
        }
    }
}
