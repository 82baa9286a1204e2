package io.gatehouse.console.ui.forms;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.ValidationResult;
import io.gatehouse.protocol.api.KillSwitchRequest;
import io.gatehouse.protocol.api.KillSwitchScope;
import io.gatehouse.protocol.api.Server;
import java.util.List;

/**
 * Engages a kill switch: what to stop (everything, one server, or one tool of a server) and why.
 * The reason is required; it is shown to everyone who looks at the switch and lands in the activity log.
 */
public final class KillSwitchForm extends ApiForm<KillSwitchRequest> {
    final Select<KillSwitchScope> scope = new Select<>();
    final ComboBox<Server> server = new ComboBox<>("Server");
    final TextField tool = new TextField("Tool name");
    final TextArea reason = new TextArea("Reason");

    /** A form with everything selectable. */
    public KillSwitchForm(List<Server> servers) {
        this(servers, null, null, null);
    }

    /** A form with the target fixed (one-click stop of a server or tool); only the reason is asked. */
    public KillSwitchForm(List<Server> servers, KillSwitchScope fixedScope, Server fixedServer, String fixedTool) {
        scope.setLabel("Stop");
        scope.setItems(KillSwitchScope.values());
        scope.setItemLabelGenerator(s -> switch (s) {
            case TENANT -> "Every call of the organisation";
            case SERVER -> "Every call to one server";
            case TOOL -> "One tool of one server";
        });
        scope.setValue(fixedScope == null ? KillSwitchScope.SERVER : fixedScope);
        scope.setId("kill-scope");
        server.setItems(servers);
        server.setItemLabelGenerator(s -> s.name() + " (" + s.slug() + ")");
        server.setId("kill-server");
        tool.setId("kill-tool");
        reason.setId("kill-reason");
        reason.setPlaceholder("e.g. incident 4711: the files server leaks customer data");
        scope.addValueChangeListener(e -> showTargetFields());
        bind(field("scope", scope).asRequired("Choose what to stop"));
        bind(field("serverId", server)
                .withValidator((v, c) -> scope.getValue() == KillSwitchScope.TENANT || v != null
                        ? ValidationResult.ok()
                        : ValidationResult.error("Choose the server")));
        bind(field("tool", tool)
                .withValidator((v, c) -> scope.getValue() != KillSwitchScope.TOOL || !v.isBlank()
                        ? ValidationResult.ok()
                        : ValidationResult.error("Name the tool")));
        bind(field("reason", reason).asRequired("Say why; everyone who sees the switch reads this"));
        add(scope, server, tool, reason);
        setColspan(reason, 2);
        addFormError();
        if (fixedServer != null) {
            server.setValue(fixedServer);
        }
        if (fixedTool != null) {
            tool.setValue(fixedTool);
        }
        boolean fixed = fixedScope != null;
        scope.setReadOnly(fixed);
        server.setReadOnly(fixed && fixedServer != null);
        tool.setReadOnly(fixed && fixedTool != null);
        showTargetFields();
    }

    private void showTargetFields() {
        KillSwitchScope s = scope.getValue();
        server.setVisible(s == KillSwitchScope.SERVER || s == KillSwitchScope.TOOL);
        tool.setVisible(s == KillSwitchScope.TOOL);
    }

    @Override
    public KillSwitchRequest toRequest() {
        KillSwitchScope s = scope.getValue();
        return new KillSwitchRequest(
                s,
                s == KillSwitchScope.TENANT || server.getValue() == null
                        ? null
                        : server.getValue().id(),
                s == KillSwitchScope.TOOL ? tool.getValue().trim() : null,
                reason.getValue().trim());
    }
}
