package io.gatehouse.console.ui.forms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.ValidationResult;
import com.vaadin.flow.data.binder.Validator;
import io.gatehouse.protocol.api.PolicySimulationRequest;
import io.gatehouse.protocol.api.Server;
import io.gatehouse.protocol.api.SimulatedPrincipal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * "Simulate a call": who calls (subject, issuer, groups, client id, scopes, other claims), which server
 * and tool, with which arguments, from which address and when. JSON inputs are parsed as typed (an
 * object, not just any JSON), the address must be an IP literal, the time an ISO-8601 instant; the API's
 * field errors (e.g. {@code principal.claims}, {@code arguments}) land on the same fields.
 */
public final class SimulationForm extends ApiForm<PolicySimulationRequest> {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    final TextField subject = new TextField("Subject (sub)");
    final TextField issuer = new TextField("Issuer");
    final TextField groups = new TextField("Groups");
    final TextField clientId = new TextField("Client id");
    final TextField scopes = new TextField("Granted scopes");
    final TextArea claims = new TextArea("Other claims (JSON object)");
    final ComboBox<Server> server = new ComboBox<>("Server");
    final TextField method = new TextField("MCP method");
    final TextField tool = new TextField("Tool");
    final TextArea arguments = new TextArea("Arguments (JSON object)");
    final TextField sourceIp = new TextField("Source IP");
    final TextField time = new TextField("Time (ISO-8601, empty = now)");

    public SimulationForm(List<Server> servers) {
        subject.setId("sim-subject");
        issuer.setId("sim-issuer");
        groups.setId("sim-groups");
        groups.setPlaceholder("engineering, oncall");
        clientId.setId("sim-clientId");
        scopes.setId("sim-scopes");
        scopes.setPlaceholder("files:read");
        claims.setId("sim-claims");
        claims.setPlaceholder("{\"department\": \"finance\"}");
        server.setId("sim-server");
        server.setItems(servers);
        server.setItemLabelGenerator(s -> s.name() + " (" + s.slug() + ")");
        method.setId("sim-method");
        method.setValue("tools/call");
        tool.setId("sim-tool");
        tool.setPlaceholder("delete_file");
        arguments.setId("sim-arguments");
        arguments.setPlaceholder("{\"path\": \"/tmp/report.txt\"}");
        sourceIp.setId("sim-sourceIp");
        sourceIp.setPlaceholder("127.0.0.1");
        time.setId("sim-time");
        time.setPlaceholder("2026-11-24T22:30:00Z");

        bind(field("principal.subject", subject));
        bind(field("principal.issuer", issuer).withValidator(Inputs.url(false)));
        bind(field("principal.groups", groups));
        bind(field("principal.clientId", clientId));
        bind(field("principal.scopes", scopes));
        bind(field("principal.claims", claims).withValidator(jsonObject()));
        bind(field("serverId", server).asRequired("Choose the server the call goes to"));
        bind(field("method", method).asRequired("Give the JSON-RPC method, e.g. tools/call"));
        bind(field("tool", tool)
                .withValidator((v, c) -> !"tools/call".equals(method.getValue().trim()) || !v.isBlank()
                        ? ValidationResult.ok()
                        : ValidationResult.error("Name the tool of the tools/call")));
        bind(field("arguments", arguments).withValidator(jsonObject()));
        bind(field("sourceIp", sourceIp).withValidator(ipLiteral()));
        bind(field("time", time).withValidator(instant()));
        method.addValueChangeListener(e -> binder.validate());

        H4 who = new H4("Who calls");
        H4 what = new H4("What, from where, when");
        add(
                who, subject, issuer, groups, clientId, scopes, claims, what, server, method, tool, arguments, sourceIp,
                time);
        setColspan(who, 2);
        setColspan(what, 2);
        setColspan(claims, 2);
        setColspan(arguments, 2);
        addFormError();
        if (servers.size() == 1) {
            server.setValue(servers.getFirst());
        }
    }

    /** A JSON object, or blank. */
    static Validator<String> jsonObject() {
        return (value, context) -> {
            try {
                parseObject(value);
                return ValidationResult.ok();
            } catch (IllegalArgumentException e) {
                return ValidationResult.error(e.getMessage());
            }
        };
    }

    /** Parses a JSON object; null for blank input; throws with a message for anything else. */
    static JsonNode parseObject(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        JsonNode node = parseJson(text);
        if (!node.isObject()) {
            throw new IllegalArgumentException(
                    "Expected a JSON object such as {\"path\": \"/tmp/x\"}, got " + kind(node));
        }
        return node;
    }

    /** Parses one JSON value (the whole text); throws with the position of the first problem. */
    static JsonNode parseJson(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Enter a JSON value");
        }
        try (com.fasterxml.jackson.core.JsonParser parser = JSON.createParser(text)) {
            JsonNode node = JSON.readTree(parser);
            if (node == null) {
                throw new IllegalArgumentException("Enter a JSON value");
            }
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("Not valid JSON: more than one value (line "
                        + parser.currentLocation().getLineNr() + ", column "
                        + parser.currentLocation().getColumnNr() + ")");
            }
            return node;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null
                    ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr();
            throw new IllegalArgumentException("Not valid JSON" + where + ": " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("Not valid JSON: " + e.getMessage());
        }
    }

    private static String kind(JsonNode node) {
        if (node == null) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** An IPv4 or IPv6 literal (never a host name: nothing is resolved), or blank. */
    static Validator<String> ipLiteral() {
        return (value, context) -> value == null || value.isBlank() || isIpLiteral(value.trim())
                ? ValidationResult.ok()
                : ValidationResult.error("Enter an IP address such as 10.0.0.7 or 2001:db8::1");
    }

    static boolean isIpLiteral(String text) {
        return Inputs.isIpv4(text) || Inputs.isIpv6(text);
    }

    /** An ISO-8601 instant or offset date-time, or blank. */
    static Validator<String> instant() {
        return (value, context) -> {
            try {
                parseInstant(value);
                return ValidationResult.ok();
            } catch (IllegalArgumentException e) {
                return ValidationResult.error(e.getMessage());
            }
        };
    }

    static Instant parseInstant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim();
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException(
                        "Enter a time such as 2026-11-24T22:30:00Z or 2026-11-24T23:30:00+01:00");
            }
        }
    }

    @Override
    public PolicySimulationRequest toRequest() {
        boolean anonymous = subject.getValue().isBlank()
                && issuer.getValue().isBlank()
                && groups.getValue().isBlank()
                && clientId.getValue().isBlank()
                && scopes.getValue().isBlank()
                && claims.getValue().isBlank();
        SimulatedPrincipal principal = anonymous
                ? null
                : new SimulatedPrincipal(
                        Inputs.blankToNull(subject.getValue()),
                        Inputs.blankToNull(issuer.getValue()),
                        Inputs.blankToNull(clientId.getValue()),
                        Inputs.list(groups.getValue()),
                        Inputs.list(scopes.getValue()),
                        parseObject(claims.getValue()));
        return new PolicySimulationRequest(
                principal,
                server.getValue().id(),
                method.getValue().trim(),
                Inputs.blankToNull(tool.getValue()),
                parseObject(arguments.getValue()),
                null,
                Inputs.blankToNull(sourceIp.getValue()),
                null,
                parseInstant(time.getValue()));
    }
}
