package io.gatehouse.console.ui.forms;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.gatehouse.protocol.api.Risk;
import io.gatehouse.protocol.api.Server;
import io.gatehouse.protocol.api.ToolBinding;
import io.gatehouse.protocol.api.ToolBindingRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Which scopes the tools of a server matching a glob need, their risk and guarded arguments. */
public final class ToolBindingForm extends ApiForm<ToolBindingRequest> {
    final ComboBox<Server> server = new ComboBox<>("Server");
    final TextField toolPattern = new TextField("Tool pattern (glob)");
    final MultiSelectComboBox<String> requiredScopes = new MultiSelectComboBox<>("Required scopes");
    final Select<Risk> risk = new Select<>();
    final TextField guardedArguments = new TextField("Guarded arguments (comma-separated)");

    public ToolBindingForm(List<Server> servers, List<String> scopeNames, ToolBinding existing) {
        server.setItems(servers);
        server.setItemLabelGenerator(s -> s.name() + " (" + s.slug() + ")");
        server.setId("binding-server");
        toolPattern.setId("binding-toolPattern");
        toolPattern.setPlaceholder("read_* or echo");
        requiredScopes.setItems(scopeNames);
        requiredScopes.setId("binding-requiredScopes");
        requiredScopes.setHelperText("From the scope catalog; a caller needs all of them");
        risk.setLabel("Risk");
        risk.setItems(Risk.values());
        risk.setValue(Risk.WRITE);
        guardedArguments.setHelperText("Arguments checked by path or URL guards, e.g. path, url");
        bind(field("serverId", server).asRequired("Choose the server"));
        bind(field("toolPattern", toolPattern)
                .asRequired("Which tools: a name or a glob such as read_*")
                .withValidator((v, c) -> v.trim().matches("[A-Za-z0-9_.*?/-]+")
                        ? com.vaadin.flow.data.binder.ValidationResult.ok()
                        : com.vaadin.flow.data.binder.ValidationResult.error(
                                "Letters, digits, _ . - / and the wildcards * ?")));
        bind(field("requiredScopes", requiredScopes)
                .withValidator((v, c) -> !v.isEmpty()
                        ? com.vaadin.flow.data.binder.ValidationResult.ok()
                        : com.vaadin.flow.data.binder.ValidationResult.error("Choose at least one scope")));
        bind(field("risk", risk));
        bind(field("guardedArguments", guardedArguments));
        add(server, toolPattern, requiredScopes, risk, guardedArguments);
        addFormError();
        if (existing != null) {
            servers.stream()
                    .filter(s -> s.id().equals(existing.serverId()))
                    .findFirst()
                    .ifPresent(server::setValue);
            toolPattern.setValue(existing.toolPattern());
            requiredScopes.setValue(new LinkedHashSet<>(existing.requiredScopes()));
            if (existing.risk() != null) {
                risk.setValue(existing.risk());
            }
            guardedArguments.setValue(
                    existing.guardedArguments() == null ? "" : String.join(", ", existing.guardedArguments()));
        }
    }

    @Override
    public ToolBindingRequest toRequest() {
        return new ToolBindingRequest(
                server.getValue().id(),
                toolPattern.getValue().trim(),
                new ArrayList<>(requiredScopes.getValue()),
                risk.getValue(),
                Inputs.list(guardedArguments.getValue()));
    }
}
