package io.gatehouse.console.ui.onboarding;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import io.gatehouse.console.ui.Access;
import io.gatehouse.console.ui.ConsoleContext;
import io.gatehouse.console.ui.ConsoleSession;
import io.gatehouse.console.ui.watch.FleetView;
import io.gatehouse.protocol.api.DataPlane;
import io.gatehouse.sdk.Gatehouse;
import io.gatehouse.sdk.ListParams;

/**
 * "See the agent come online": done once a data plane of the tenant has sent a status message (a heartbeat or a
 * bundle report), which is what {@code lastSeenAt} records. Offers the start command again (it holds no secret).
 */
final class AgentOnlineStep implements OnboardingStep {
    @Override
    public String id() {
        return "agent-online";
    }

    @Override
    public String title() {
        return "See the data plane come online";
    }

    @Override
    public String description() {
        return "Start the enrolled data plane with its start command. This turns green when it reports in;"
                + " the fleet view then shows its heartbeat and the bundle version it enforces.";
    }

    @Override
    public boolean isDone(Gatehouse client) {
        for (DataPlane agent :
                client.dataPlanes().list(ListParams.create().limit(100)).items()) {
            if (agent.lastSeenAt() != null) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean canDo(Access access) {
        return access.seesConfiguration();
    }

    @Override
    public Component action(Gatehouse client, Runnable changed) {
        Button show = new Button("Show the start command", e -> {
            ConsoleContext context = ConsoleContext.current();
            DataPlaneCommands commands = new DataPlaneCommands(
                    context.enrollmentUrl(), context.config().onboarding());
            String tenant = ConsoleSession.require().tenantId();
            Button fleet =
                    new Button("Open the fleet view", go -> UI.getCurrent().navigate(FleetView.class));
            fleet.setId("open-fleet");
            CommandDialog dialog = new CommandDialog(
                    "Start the data plane",
                    "After enrolling, run this in the Gatehouse folder on the machine of the data plane. It runs in"
                            + " the foreground; Ctrl-C stops it.");
            fleet.addClickListener(go -> dialog.close());
            dialog.command("Start command", commands.start(tenant), "start-command")
                    .footer(fleet)
                    .open();
        });
        show.setId("step-agent-online-go");
        return show;
    }
}
