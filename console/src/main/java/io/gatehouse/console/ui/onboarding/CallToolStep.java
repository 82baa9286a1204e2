package io.gatehouse.console.ui.onboarding;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import io.gatehouse.console.ui.Access;
import io.gatehouse.console.ui.ApiCalls;
import io.gatehouse.console.ui.ConsoleContext;
import io.gatehouse.console.ui.watch.AuditExplorerView;
import io.gatehouse.protocol.api.DataPlaneGroup;
import io.gatehouse.protocol.api.IdentityProvider;
import io.gatehouse.protocol.api.Server;
import io.gatehouse.protocol.api.ToolBinding;
import io.gatehouse.sdk.AuditQuery;
import io.gatehouse.sdk.Gatehouse;
import io.gatehouse.sdk.ListParams;
import io.gatehouse.sdk.PermissionDeniedException;
import java.util.List;
import java.util.Optional;

/**
 * "Call a tool": done when the first audit record of the tenant has arrived (the data plane decided a call, wrote
 * it to its WAL, shipped it signed, and the control plane verified and stored it). Shows the exact command that
 * makes a protected call through the tenant's first approved server.
 */
final class CallToolStep implements OnboardingStep {
    @Override
    public String id() {
        return "call";
    }

    @Override
    public String title() {
        return "Make a protected call";
    }

    @Override
    public String description() {
        return "Call a tool through the data plane with an access token of your identity provider. This turns"
                + " green when the call's audit record arrives; the audit explorer shows the decision and why."
                + " The data plane hides a server's tools until an admin approves them: if the call answers"
                + " TOOL_NOT_APPROVED, open MCP servers → Tools, approve the tools the data plane found, and call again.";
    }

    @Override
    public boolean isDone(Gatehouse client) {
        try {
            return !client.audit().events(AuditQuery.create().limit(1)).items().isEmpty();
        } catch (PermissionDeniedException e) {
            return false; // an editor may not read the audit log; an owner, admin or auditor sees it tick
        }
    }

    @Override
    public boolean canDo(Access access) {
        return access.seesConfiguration();
    }

    @Override
    public Component action(Gatehouse client, Runnable changed) {
        Button show = new Button(
                "Show the call command",
                e -> ApiCalls.call(() -> command(client)).ifPresent(CallToolStep::open));
        show.setId("step-call-go");
        return show;
    }

    /** The command for the first approved server and a tool bound on it; empty when there is none yet. */
    static Optional<String> command(Gatehouse client) {
        List<Server> approved = client.servers()
                .list(ListParams.create().filter("status", "approved").limit(1))
                .items();
        if (approved.isEmpty()) {
            ApiCalls.error("Register and approve a server first (step 2 and 3).");
            return Optional.empty();
        }
        Server server = approved.getFirst();
        String tool = "echo";
        for (ToolBinding binding : client.toolBindings().listAll()) {
            if (binding.serverId().equals(server.id()) && binding.toolPattern().matches("[A-Za-z0-9_./-]+")) {
                tool = binding.toolPattern();
                break;
            }
        }
        List<DataPlaneGroup> groups =
                client.dataPlaneGroups().list(ListParams.create().limit(1)).items();
        String publicBaseUrl = groups.isEmpty() ? null : groups.getFirst().publicBaseUrl();
        List<IdentityProvider> providers =
                client.identityProviders().list(ListParams.create().limit(1)).items();
        String issuer = providers.isEmpty() ? null : providers.getFirst().issuer();
        ConsoleContext context = ConsoleContext.current();
        DataPlaneCommands commands =
                new DataPlaneCommands(context.enrollmentUrl(), context.config().onboarding());
        return Optional.of(commands.call(commands.routeUrl(publicBaseUrl, server.slug()), tool, issuer));
    }

    private static void open(Optional<String> command) {
        command.ifPresent(text -> {
            Button audit = new Button("Open the audit explorer");
            audit.setId("open-audit");
            CommandDialog dialog = new CommandDialog(
                    "Make a protected call",
                    "Run this in a terminal while the data plane runs. The gateway checks the token, the tool's"
                            + " scopes and your policies, forwards the call without your token, and records it.");
            audit.addClickListener(go -> {
                dialog.close();
                UI.getCurrent().navigate(AuditExplorerView.class);
            });
            dialog.command("Call command", text, "call-command").footer(audit).open();
        });
    }
}
