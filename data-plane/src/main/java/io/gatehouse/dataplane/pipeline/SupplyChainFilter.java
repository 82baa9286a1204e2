package io.gatehouse.dataplane.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.dataplane.bundle.Route;
import io.gatehouse.dataplane.mcp.JsonRpcMessage;
import io.gatehouse.dataplane.supplychain.ToolPinGuard;
import io.gatehouse.dataplane.supplychain.ToolPinRegistry;
import io.gatehouse.engine.supplychain.Finding;
import io.gatehouse.engine.supplychain.PinCheck;
import io.gatehouse.engine.supplychain.PinStatus;
import io.gatehouse.engine.supplychain.PoisoningScanner;
import io.gatehouse.engine.supplychain.ScanReport;
import io.gatehouse.engine.supplychain.ScanTarget;
import io.gatehouse.engine.supplychain.ToolVerdict;
import io.gatehouse.protocol.audit.Finding.Kind;
import io.gatehouse.protocol.tools.ToolDefinition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Step 10 (runs before {@link ToolListFilter}, on the server's full list): every {@code tools/list} result is
 * checked against the server's pins and scanned for poisoning; changed, unapproved (managed servers),
 * duplicate, malformed and poison-blocked tools are removed before the client sees the list, and the
 * verdicts are remembered for {@link SupplyChainGate}. {@code notifications/tools/list_changed} marks the
 * pins stale until the next list. {@code tools/call} results are scanned for prompt-injection markers:
 * findings are recorded, and a finding whose rule blocks withholds the result ({@code TOOL_RESULT_BLOCKED}).
 */
public final class SupplyChainFilter implements ResponseFilter {

    private final ToolPinRegistry pins;
    private final PoisoningScanner scanner;

    public SupplyChainFilter(ToolPinRegistry pins, PoisoningScanner scanner) {
        this.pins = pins;
        this.scanner = scanner;
    }

    @Override
    public boolean appliesTo(McpExchange exchange, boolean answersToolList) {
        // a list_changed notification may arrive on any stream; a tools/call result is scanned
        return exchange.route() != null;
    }

    @Override
    public boolean apply(McpExchange exchange, ObjectNode message, boolean answersToolList) {
        Route route = exchange.route();
        JsonNode method = message.get("method");
        if (method != null) {
            if ("notifications/tools/list_changed".equals(method.asText())) {
                pins.guard(route.server()).onListChanged();
            }
            return false;
        }
        JsonNode result = message.get("result");
        if (result == null) {
            return false;
        }
        if (answersToolList && result.get("tools") instanceof ArrayNode tools) {
            return checkList(exchange, route, tools);
        }
        JsonRpcMessage request = exchange.message();
        JsonNode id = message.get("id");
        if (request != null
                && request.isRequest("tools/call")
                && id != null
                && id.toString().equals(request.id())) {
            return scanResult(exchange, request.toolName(), message, result);
        }
        return false;
    }

    private boolean checkList(McpExchange exchange, Route route, ArrayNode tools) {
        boolean managed = route.server().managed();
        List<ToolDefinition> valid = new ArrayList<>();
        Set<String> poisoned = new HashSet<>();
        boolean changed = false;
        for (Iterator<JsonNode> it = tools.elements(); it.hasNext(); ) {
            JsonNode node = it.next();
            ToolDefinition tool;
            try {
                tool = ToolDefinition.parse(node);
            } catch (IllegalArgumentException e) { // ToolDefinitionException names the field
                exchange.addFinding(new io.gatehouse.protocol.audit.Finding(
                        Kind.SUPPLY_CHAIN, "tool_invalid", "a malformed tool definition was hidden"));
                it.remove();
                changed = true;
                continue;
            }
            valid.add(tool);
            ScanReport report = scanner.scanDefinition(tool);
            for (Finding finding : report.findings()) {
                exchange.addFinding(Findings.scan(finding, ScanTarget.DEFINITION));
            }
            if (report.blocked()) {
                poisoned.add(tool.name());
            }
        }
        ToolPinGuard guard = pins.guard(route.server());
        PinCheck check = guard.onToolsList(valid, poisoned);
        Set<String> hidden = new HashSet<>(poisoned);
        for (ToolVerdict verdict : check.verdicts()) {
            boolean hide = managed ? !verdict.visible() : verdict.status() == PinStatus.DUPLICATE_NAME;
            if (hide) {
                hidden.add(verdict.name());
                exchange.addFinding(Findings.pin(
                        verdict.refusalKey(),
                        verdict.name(),
                        verdict.announced().value()));
            }
        }
        for (Iterator<JsonNode> it = tools.elements(); it.hasNext(); ) {
            JsonNode name = it.next().get("name");
            if (name != null && hidden.contains(name.asText())) {
                it.remove();
                changed = true;
            }
        }
        return changed;
    }

    private boolean scanResult(McpExchange exchange, String tool, ObjectNode message, JsonNode result) {
        ScanReport report = scanner.scanResult(tool, result);
        for (Finding finding : report.findings()) {
            exchange.addFinding(Findings.scan(finding, ScanTarget.RESULT));
        }
        if (report.blocked()) {
            return ResponseRedactionFilter.withhold(
                    exchange,
                    message,
                    ErrorKey.TOOL_RESULT_BLOCKED,
                    "the result of tool '" + tool + "' was withheld: it contains prompt-injection markers");
        }
        return false;
    }
}
