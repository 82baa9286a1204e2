package io.gatehouse.console.ui.forms;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.textfield.IntegerField;
import io.gatehouse.protocol.api.DataPlaneGroup;
import io.gatehouse.protocol.api.EnrollmentTokenRequest;
import java.util.List;

/** A short-lived, limited-use token an agent exchanges for its identity in a group. */
public final class EnrollmentTokenForm extends ApiForm<EnrollmentTokenRequest> {
    static final int MAX_TTL_MINUTES = 24 * 60;
    final ComboBox<DataPlaneGroup> group = new ComboBox<>("Data-plane group");
    final IntegerField ttlMinutes = new IntegerField("Valid for (minutes)");
    final IntegerField maxUses = new IntegerField("Agents it may enroll");

    public EnrollmentTokenForm(List<DataPlaneGroup> groups) {
        group.setItems(groups);
        group.setItemLabelGenerator(DataPlaneGroup::name);
        group.setId("enroll-group");
        if (groups.size() == 1) {
            group.setValue(groups.getFirst());
        }
        ttlMinutes.setValue(15);
        ttlMinutes.setStepButtonsVisible(true);
        maxUses.setValue(1);
        maxUses.setStepButtonsVisible(true);
        bind(field("groupId", group).asRequired("Choose the group the agent joins"));
        bind(field("ttlSeconds", ttlMinutes)
                .asRequired("How long the token stays valid")
                .withValidator(Inputs.atLeast(1))
                .withValidator((v, c) -> v == null || v <= MAX_TTL_MINUTES
                        ? com.vaadin.flow.data.binder.ValidationResult.ok()
                        : com.vaadin.flow.data.binder.ValidationResult.error("At most 24 hours (1440 minutes)")));
        bind(field("maxUses", maxUses).asRequired("How many agents").withValidator(Inputs.atLeast(1)));
        add(group, ttlMinutes, maxUses);
        addFormError();
    }

    @Override
    public EnrollmentTokenRequest toRequest() {
        return new EnrollmentTokenRequest(group.getValue().id(), ttlMinutes.getValue() * 60, maxUses.getValue());
    }
}
