package io.gatehouse.console.ui.forms;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.ValidationResult;
import io.gatehouse.protocol.api.FailureMode;
import io.gatehouse.protocol.api.LimitKey;
import io.gatehouse.protocol.api.RateLimit;
import io.gatehouse.protocol.api.RateLimitRequest;
import io.gatehouse.protocol.api.Server;
import java.util.List;

/** A token bucket: {@code capacity} calls, refilled by {@code refillTokens} every period, per key. */
public final class RateLimitForm extends ApiForm<RateLimitRequest> {
    final TextField name = new TextField("Name");
    final Select<LimitKey> key = new Select<>();
    final ComboBox<Server> server = new ComboBox<>("Only this server (optional)");
    final TextField tool = new TextField("Only this tool (optional)");
    final IntegerField capacity = new IntegerField("Capacity (burst)");
    final IntegerField refillTokens = new IntegerField("Refill calls");
    final IntegerField refillPeriodSeconds = new IntegerField("Every (seconds)");
    final Select<FailureMode> failureMode = new Select<>();

    public RateLimitForm(List<Server> servers, RateLimit existing) {
        name.setId("limit-name");
        key.setLabel("Count per");
        key.setItems(LimitKey.values());
        key.setValue(LimitKey.PRINCIPAL);
        server.setItems(servers);
        server.setItemLabelGenerator(Server::name);
        server.setClearButtonVisible(true);
        capacity.setId("limit-capacity");
        refillPeriodSeconds.setId("limit-period");
        failureMode.setLabel("When Redis is unreachable");
        failureMode.setItems(FailureMode.values());
        failureMode.setItemLabelGenerator(m -> m == FailureMode.CLOSED ? "closed (deny)" : "open (allow)");
        failureMode.setValue(FailureMode.CLOSED);
        bind(field("name", name).asRequired("Name the limit"));
        bind(field("key", key).asRequired("What the limit counts by"));
        bind(field("serverId", server));
        bind(field("tool", tool)
                .withValidator((v, c) -> v.isBlank() || server.getValue() != null
                        ? ValidationResult.ok()
                        : ValidationResult.error("A tool limit needs its server")));
        bind(field("capacity", capacity).asRequired("How many calls at most").withValidator(Inputs.atLeast(1)));
        bind(field("refillTokens", refillTokens).withValidator(Inputs.atLeast(1)));
        bind(field("refillPeriodSeconds", refillPeriodSeconds)
                .asRequired("How often the bucket refills")
                .withValidator(Inputs.atLeast(1)));
        bind(field("failureMode", failureMode));
        refillTokens.setHelperText("Defaults to the capacity");
        add(name, key, server, tool, capacity, refillTokens, refillPeriodSeconds, failureMode);
        addFormError();
        if (existing != null) {
            name.setValue(existing.name());
            key.setValue(existing.key());
            servers.stream()
                    .filter(s -> s.id().equals(existing.serverId()))
                    .findFirst()
                    .ifPresent(server::setValue);
            tool.setValue(ServerForm.nz(existing.tool()));
            capacity.setValue((int) existing.capacity());
            refillTokens.setValue((int) existing.refillTokens());
            refillPeriodSeconds.setValue((int) existing.refillPeriodSeconds());
            failureMode.setValue(existing.failureMode());
        }
    }

    @Override
    public RateLimitRequest toRequest() {
        return new RateLimitRequest(
                name.getValue().trim(),
                key.getValue(),
                server.getValue() == null ? null : server.getValue().id(),
                Inputs.blankToNull(tool.getValue()),
                capacity.getValue().longValue(),
                refillTokens.getValue() == null ? null : refillTokens.getValue().longValue(),
                refillPeriodSeconds.getValue().longValue(),
                failureMode.getValue());
    }
}
