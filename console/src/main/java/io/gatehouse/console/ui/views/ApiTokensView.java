package io.gatehouse.console.ui.views;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.gatehouse.console.ui.EditorDialog;
import io.gatehouse.console.ui.MainLayout;
import io.gatehouse.console.ui.ResourceListView;
import io.gatehouse.console.ui.SecretDialog;
import io.gatehouse.console.ui.forms.ApiTokenForm;
import io.gatehouse.protocol.api.ApiToken;
import io.gatehouse.protocol.api.ApiTokenRequest;
import io.gatehouse.protocol.api.Page;
import io.gatehouse.protocol.api.Role;
import io.gatehouse.sdk.ListParams;
import java.util.Arrays;

/** API tokens for the REST API, the SDK and Terraform; every role manages its own. */
@Route(value = "api-tokens", layout = MainLayout.class)
@PageTitle("API tokens · Gatehouse")
public final class ApiTokensView extends ResourceListView<ApiToken> {

    public ApiTokensView() {
        super("API tokens", "Tokens for scripts, CI and Terraform. A token acts with its own role, never above yours.");
        init();
    }

    @Override
    protected Page<ApiToken> fetch(ListParams params) {
        return client.tokens().list(params);
    }

    @Override
    protected void columns(Grid<ApiToken> grid) {
        grid.addColumn(ApiToken::name).setHeader("Name").setAutoWidth(true);
        grid.addColumn(ApiToken::role).setHeader("Role").setAutoWidth(true);
        grid.addColumn(t -> t.revokedAt() != null ? "revoked" : "active")
                .setHeader("State")
                .setAutoWidth(true);
        grid.addColumn(t -> KillSwitchesView.when(t.createdAt())).setHeader("Created");
        grid.addColumn(t -> t.expiresAt() == null ? "never" : KillSwitchesView.when(t.expiresAt()))
                .setHeader("Expires");
        grid.addColumn(t -> KillSwitchesView.when(t.lastUsedAt())).setHeader("Last used");
    }

    @Override
    protected boolean canWrite() {
        return true;
    }

    @Override
    protected String createLabel() {
        return "New API token";
    }

    @Override
    protected void create() {
        Role own = session.role();
        new EditorDialog<ApiTokenRequest, ApiToken>(
                        "New API token",
                        "Create token",
                        new ApiTokenForm(
                                Arrays.stream(Role.values())
                                        .filter(session.access()::canGrant)
                                        .toList(),
                                own),
                        client.tokens()::create,
                        token -> {
                            new SecretDialog("API token " + token.name(), "Use it as: Authorization: Bearer <token>")
                                    .value("API token", token.token(), "api-token")
                                    .open();
                            refresh();
                        })
                .open();
    }

    @Override
    protected boolean supportsEdit() {
        return false;
    }

    @Override
    protected String deleteLabel() {
        return "Revoke";
    }

    @Override
    protected String describe(ApiToken item) {
        return "token " + item.name();
    }

    @Override
    protected void delete(ApiToken item) {
        client.tokens().delete(item.id());
    }
}
