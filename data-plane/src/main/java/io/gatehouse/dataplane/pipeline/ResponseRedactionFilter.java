package io.gatehouse.dataplane.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.dataplane.redaction.BundleRedactors;
import io.gatehouse.engine.redaction.Finding;
import io.gatehouse.engine.redaction.Redaction;
import io.gatehouse.engine.redaction.RedactionConfigException;
import io.gatehouse.engine.redaction.Redactor;
import io.gatehouse.engine.redaction.TextRedaction;
import io.gatehouse.protocol.bundle.RedactionRule.Direction;

/**
 * Step 10: response redaction. Every server-to-client message (a JSON body, or one SSE event at a time) has
 * its {@code result}, {@code error} and {@code params} redacted by the rules of direction {@code response}
 * (or {@code both}), at any depth, member names too when configured. A {@code block} finding withholds a
 * result: the client gets a {@code REDACTION_BLOCKED} error with the same id instead (a notification is
 * forwarded masked). Rules that do not compile withhold every result ({@code REDACTION_RULES_INVALID}).
 */
public final class ResponseRedactionFilter implements ResponseFilter {

    private static final String[] PARTS = {"result", "error", "params"};

    private final BundleRedactors redactors;

    public ResponseRedactionFilter(BundleRedactors redactors) {
        this.redactors = redactors;
    }

    @Override
    public boolean appliesTo(McpExchange exchange, boolean answersToolList) {
        if (exchange.bundle() == null) {
            return false;
        }
        try {
            return redactors.forBundle(exchange.bundle()).appliesTo(Direction.RESPONSE);
        } catch (RedactionConfigException e) {
            return true;
        }
    }

    @Override
    public boolean apply(McpExchange exchange, ObjectNode message, boolean answersToolList) {
        Redactor redactor;
        try {
            redactor = redactors.forBundle(exchange.bundle());
        } catch (RedactionConfigException e) {
            return withhold(
                    exchange, message, ErrorKey.REDACTION_RULES_INVALID, "the redaction rules in force do not compile");
        }
        boolean changed = false;
        for (String part : PARTS) {
            JsonNode node = message.get(part);
            if (node == null || !(node.isContainerNode() || node.isTextual())) {
                continue;
            }
            Redaction redaction = redactor.redact(node, Direction.RESPONSE);
            for (Finding finding : redaction.findings()) {
                exchange.addFinding(Findings.redaction(finding, "response " + part));
            }
            if (redaction.blocked() && message.has("id") && !message.has("method")) {
                return withhold(
                        exchange,
                        message,
                        ErrorKey.REDACTION_BLOCKED,
                        redaction.blockMessage().orElseThrow());
            }
            if (redaction.changed()) {
                message.set(part, redaction.value());
                changed = true;
            }
        }
        return changed;
    }

    @Override
    public String applyToText(McpExchange exchange, String data) {
        Redactor redactor;
        try {
            redactor = redactors.forBundle(exchange.bundle());
        } catch (RedactionConfigException e) {
            return "";
        }
        TextRedaction redaction = redactor.redactText(data, Direction.RESPONSE);
        for (Finding finding : redaction.findings()) {
            exchange.addFinding(Findings.redaction(finding, "response event data"));
        }
        return redaction.text();
    }

    /** Replaces a response's result (or error) with a gateway error; the id stays, so the client's call ends. */
    static boolean withhold(McpExchange exchange, ObjectNode message, ErrorKey key, String reason) {
        if (!message.has("id") || message.has("method")) {
            return false;
        }
        message.remove("result");
        ObjectNode error = message.putObject("error");
        error.put("code", key.jsonRpcCode());
        error.put("message", reason);
        error.putObject("data").put("error", key.name());
        exchange.outcome(key.kind() == ErrorKey.Kind.DENY ? Decision.DENY : Decision.ERROR, key.name());
        return true;
    }
}
