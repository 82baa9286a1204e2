package io.gatehouse.console.ui.onboarding;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import io.gatehouse.console.ui.Access;
import io.gatehouse.console.ui.ApiCalls;
import io.gatehouse.console.ui.views.EnrollmentTokensView;
import io.gatehouse.protocol.api.DataPlaneGroup;
import io.gatehouse.protocol.api.DataPlaneGroupRequest;
import io.gatehouse.sdk.Gatehouse;
import io.gatehouse.sdk.ListParams;
import java.util.List;

/**
 * Create an enrollment token and copy the exact enroll command. Creates a {@code default} group on
 * the way when the tenant has none, so a newcomer needs no detour through the fleet screens.
 */
final class EnrollDataPlaneStep implements OnboardingStep {
    static final String DEFAULT_GROUP = "default";

    @Override
    public String id() {
        return "enroll";
    }

    @Override
    public String title() {
        return "Enroll a data plane";
    }

    @Override
    public String description() {
        return "Create an enrollment token and run the enroll command it comes with inside your network. "
                + "The data plane dials out to Gatehouse; nothing connects into your network.";
    }

    @Override
    public boolean isDone(Gatehouse client) {
        return !client.enrollmentTokens()
                .list(ListParams.create().limit(1))
                .items()
                .isEmpty();
    }

    @Override
    public boolean canDo(Access access) {
        return access.editsSecurity();
    }

    @Override
    public Component action(Gatehouse client, Runnable changed) {
        Button create = new Button("Create enrollment token", e -> {
            List<DataPlaneGroup> groups = EnrollmentTokensView.groups(client);
            if (groups.isEmpty()) {
                java.net.URI url = io.gatehouse.console.ui.ConsoleContext.current()
                        .config()
                        .onboarding()
                        .dataPlaneUrl();
                ApiCalls.call(() -> client.dataPlaneGroups()
                                .create(new DataPlaneGroupRequest(
                                        DEFAULT_GROUP,
                                        "Created by the getting-started checklist",
                                        url == null ? null : url.toString())))
                        .ifPresent(groups::add);
            }
            if (!groups.isEmpty()) {
                EnrollmentTokensView.create(client, groups, changed);
            }
        });
        create.setId("step-enroll-go");
        return create;
    }
}
