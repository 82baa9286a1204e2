package io.gatehouse.console.ui.views;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.gatehouse.console.ui.ApiCalls;
import io.gatehouse.console.ui.EditorDialog;
import io.gatehouse.console.ui.MainLayout;
import io.gatehouse.console.ui.ResourceListView;
import io.gatehouse.console.ui.SecretDialog;
import io.gatehouse.console.ui.forms.InvitationForm;
import io.gatehouse.protocol.api.Invitation;
import io.gatehouse.protocol.api.InvitationRequest;
import io.gatehouse.protocol.api.Member;
import io.gatehouse.protocol.api.Page;
import io.gatehouse.protocol.api.Role;
import io.gatehouse.sdk.ListParams;
import java.util.Arrays;
import java.util.List;

/** Members and their roles, plus pending invitations. For owners and admins. */
@Route(value = "members", layout = MainLayout.class)
@PageTitle("Members · Gatehouse")
public final class MembersView extends ResourceListView<Member> {
    private final Select<Role> roleFilter = new Select<>();
    private final Grid<Invitation> invitations = new Grid<>();

    public MembersView() {
        super("Members", "Who can sign in to this organisation, and with which role. Invite people by email.");
        roleFilter.setItems(Role.values());
        roleFilter.setEmptySelectionAllowed(true);
        roleFilter.setEmptySelectionCaption("Any role");
        roleFilter.addValueChangeListener(e -> refresh());
        init();
        invitations.addColumn(Invitation::email).setHeader("Invited").setAutoWidth(true);
        invitations.addColumn(Invitation::role).setHeader("Role").setAutoWidth(true);
        invitations.addColumn(i -> KillSwitchesView.when(i.expiresAt())).setHeader("Expires");
        invitations.addComponentColumn(i -> {
            Button withdraw = new Button("Withdraw", e -> {
                if (ApiCalls.run(() -> client.invitations().delete(i.id()))) {
                    loadInvitations();
                }
            });
            withdraw.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR);
            return withdraw;
        });
        invitations.setId("invitations");
        invitations.setAllRowsVisible(true);
        add(new H3("Pending invitations"), invitations);
        loadInvitations();
    }

    private void loadInvitations() {
        ApiCalls.call(() -> client.invitations().list(ListParams.create().filter("pending", "true")))
                .ifPresent(page -> invitations.setItems(page.items()));
    }

    private List<Role> grantable() {
        return Arrays.stream(Role.values()).filter(session.access()::canGrant).toList();
    }

    @Override
    protected Page<Member> fetch(ListParams params) {
        return client.users().list(params);
    }

    @Override
    protected List<Component> filters() {
        return List.of(roleFilter);
    }

    @Override
    protected ListParams applyFilters(ListParams params) {
        return roleFilter.getValue() == null
                ? params
                : params.filter("role", roleFilter.getValue().wire());
    }

    @Override
    protected void columns(Grid<Member> grid) {
        grid.addColumn(Member::email).setHeader("Email").setAutoWidth(true);
        if (!canWrite()) {
            grid.addColumn(Member::role).setHeader("Role");
        }
        grid.addColumn(m -> KillSwitchesView.when(m.joinedAt())).setHeader("Joined");
    }

    @Override
    protected boolean canWrite() {
        return session.access().managesMembers();
    }

    @Override
    protected String createLabel() {
        return "Invite";
    }

    @Override
    protected void create() {
        new EditorDialog<InvitationRequest, Invitation>(
                        "Invite a member",
                        "Send invitation",
                        new InvitationForm(grantable()),
                        client.invitations()::create,
                        invitation -> {
                            new SecretDialog(
                                            "Invitation for " + invitation.email(),
                                            "Send this link to " + invitation.email()
                                                    + "; it opens the console's join page with the token filled in.")
                                    .value("Invitation token", invitation.token(), "invitation-token")
                                    .open();
                            loadInvitations();
                        })
                .open();
    }

    @Override
    protected Component rowActions(Member item) {
        Select<Role> role = new Select<>();
        role.setItems(Role.values());
        role.setValue(item.role());
        role.setItemEnabledProvider(session.access()::canGrant);
        role.setReadOnly(item.id().equals(session.userId()));
        role.addClassName("member-role");
        role.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                if (ApiCalls.call(() -> client.users().changeRole(item, e.getValue()))
                        .isPresent()) {
                    ApiCalls.success(item.email() + " is now " + e.getValue());
                }
                refresh();
            }
        });
        Button remove = new Button(VaadinIcon.TRASH.create(), e -> {
            if (ApiCalls.run(() -> client.users().remove(item.id()))) {
                refresh();
            }
        });
        remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR);
        remove.getElement().setAttribute("aria-label", "Remove member");
        remove.setEnabled(!item.id().equals(session.userId()));
        return new HorizontalLayout(role, remove);
    }

    @Override
    protected String describe(Member item) {
        return item.email();
    }

    @Override
    protected void delete(Member item) {
        client.users().remove(item.id());
    }
}
