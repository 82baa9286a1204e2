package io.gatehouse.dataplane.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.dataplane.mcp.JsonRpcMessage;
import io.gatehouse.dataplane.redaction.BundleRedactors;
import io.gatehouse.engine.redaction.Finding;
import io.gatehouse.engine.redaction.Redaction;
import io.gatehouse.engine.redaction.RedactionConfigException;
import io.gatehouse.engine.redaction.Redactor;
import io.gatehouse.protocol.bundle.RedactionRule.Direction;

/**
 * Step 8: request DLP on {@code tools/call} arguments. Rules of direction {@code request} (or {@code both})
 * mask or hash what they find, and the upstream receives the rewritten arguments (never the original bytes);
 * a {@code block} rule refuses the call with {@code REDACTION_BLOCKED} and nothing is forwarded. Findings are
 * recorded on the exchange. Rules that do not compile fail closed ({@code REDACTION_RULES_INVALID}).
 */
public final class RequestDlpGate implements Gate {

    private final BundleRedactors redactors;
    private final ObjectMapper json;

    public RequestDlpGate(BundleRedactors redactors, ObjectMapper json) {
        this.redactors = redactors;
        this.json = json;
    }

    @Override
    public Refusal check(McpExchange exchange) throws JsonProcessingException {
        JsonRpcMessage message = exchange.message();
        if (message == null || !message.isRequest("tools/call") || message.arguments() == null) {
            return null;
        }
        Redactor redactor;
        try {
            redactor = redactors.forBundle(exchange.bundle());
        } catch (RedactionConfigException e) {
            return Refusal.of(ErrorKey.REDACTION_RULES_INVALID, "the redaction rules in force do not compile");
        }
        if (!redactor.appliesTo(Direction.REQUEST)) {
            return null;
        }
        Redaction redaction = redactor.redact(message.arguments(), Direction.REQUEST);
        for (Finding finding : redaction.findings()) {
            exchange.addFinding(Findings.redaction(finding, "request arguments"));
        }
        if (redaction.blocked()) {
            return Refusal.of(
                    ErrorKey.REDACTION_BLOCKED, redaction.blockMessage().orElseThrow());
        }
        if (redaction.changed()) {
            ObjectNode body = message.body().deepCopy();
            ((ObjectNode) body.get("params")).set("arguments", redaction.value());
            exchange.decoded(new JsonRpcMessage(
                    message.kind(),
                    message.id(),
                    message.method(),
                    message.toolName(),
                    redaction.value(),
                    message.resourceUri(),
                    message.promptName(),
                    body,
                    json.writeValueAsBytes(body)));
        }
        return null;
    }
}
