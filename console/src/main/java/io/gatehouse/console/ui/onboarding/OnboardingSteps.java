package io.gatehouse.console.ui.onboarding;

import io.gatehouse.console.ui.Access;
import io.gatehouse.console.ui.views.IdentityProvidersView;
import io.gatehouse.console.ui.views.ServersView;
import io.gatehouse.console.ui.views.ToolBindingsView;
import io.gatehouse.sdk.ListParams;
import java.util.List;

/**
 * The checklist, in order, from an empty tenant to a protected call in the audit explorer: identity provider,
 * server, approval, bindings, enrollment, the data plane online ({@link AgentOnlineStep}, fleet API) and a first
 * call ({@link CallToolStep}, audit API).
 */
public final class OnboardingSteps {
    public static final List<OnboardingStep> ALL = List.of(
            new NavigateStep(
                    "identity-provider",
                    "Add an identity provider",
                    "Tell Gatehouse which issuer's access tokens your MCP clients bring (Keycloak, Entra ID, Okta, ...).",
                    "Add identity provider",
                    IdentityProvidersView.class,
                    (client, q) -> client.identityProviders().list(q).items().size(),
                    ListParams.create(),
                    Access::editsSecurity),
            new NavigateStep(
                    "server",
                    "Register an MCP server",
                    "Register the upstream MCP server the gateway protects; it is routed at /mcp/{slug}.",
                    "Register server",
                    ServersView.class,
                    (client, q) -> client.servers().list(q).items().size(),
                    ListParams.create(),
                    Access::editsConfiguration),
            new NavigateStep(
                    "approve",
                    "Approve the server",
                    "New servers start as pending; the data planes route only approved servers.",
                    "Open servers",
                    ServersView.class,
                    (client, q) -> client.servers().list(q).items().size(),
                    ListParams.create().filter("status", "approved"),
                    Access::editsConfiguration),
            new NavigateStep(
                    "binding",
                    "Bind tools to scopes",
                    "Say which scopes a token needs for which tools. Tools without a binding are denied.",
                    "Bind tools",
                    ToolBindingsView.class,
                    (client, q) -> client.toolBindings().list(q).items().size(),
                    ListParams.create(),
                    Access::editsConfiguration),
            new EnrollDataPlaneStep(),
            new AgentOnlineStep(),
            new CallToolStep());

    private OnboardingSteps() {}
}
