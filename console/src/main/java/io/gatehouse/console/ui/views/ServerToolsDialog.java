package io.gatehouse.console.ui.views;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.gatehouse.console.ui.Access;
import io.gatehouse.console.ui.ApiCalls;
import io.gatehouse.protocol.api.KillSwitchScope;
import io.gatehouse.protocol.api.Server;
import io.gatehouse.protocol.api.ServerRequest;
import io.gatehouse.protocol.api.ServerStatus;
import io.gatehouse.protocol.api.ServerTools;
import io.gatehouse.sdk.ConflictException;
import io.gatehouse.sdk.Gatehouse;
import io.gatehouse.sdk.GatehouseException;
import io.gatehouse.sdk.InvalidRequestException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One server's tools: its approval state (pending, approved, blocked), what it announces against what is
 * pinned, the poisoning findings per tool, and for a changed, new or removed tool the old-against-new
 * diff of its pinned fields. Owners and admins select the reviewed tools and approve them (with a
 * confirmation that lists what changes); editors may approve or block the server and stop one tool;
 * viewers only look.
 */
final class ServerToolsDialog extends Dialog {
    private final Gatehouse client;
    private final Access access;
    private final Runnable changed;
    private Server server;
    private ToolReview review;
    private final Set<String> selected = new LinkedHashSet<>();
    private final Span status = new Span();
    private final Span times = new Span();
    private final HorizontalLayout statusActions = new HorizontalLayout();
    private final Grid<ToolReview.Row> grid = new Grid<>();
    private final Div diffPanel = new Div();
    private final Span selection = new Span();
    private final Button approve = new Button("Approve selected tools", VaadinIcon.CHECK.create());

    private ServerToolsDialog(Gatehouse client, Access access, Server server, Runnable changed) {
        this.client = client;
        this.access = access;
        this.server = server;
        this.changed = changed;
        setId("tools-dialog");
        setWidth("min(1100px, 96vw)");
        setHeaderTitle("Tools of " + server.name());
        status.setId("server-approval");
        times.getStyle().set("color", "var(--lumo-secondary-text-color)");
        statusActions.setSpacing(true);
        HorizontalLayout head = new HorizontalLayout(new Span("Server:"), status, statusActions, times);
        head.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        grid.setId("tools-grid");
        grid.addThemeVariants(
                GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAllRowsVisible(true);
        if (access.editsSecurity()) {
            grid.addComponentColumn(this::selectBox)
                    .setHeader("Pin")
                    .setAutoWidth(true)
                    .setFlexGrow(0);
        }
        grid.addColumn(ToolReview.Row::name).setHeader("Tool").setAutoWidth(true);
        grid.addComponentColumn(ServerToolsDialog::stateBadge)
                .setHeader("State")
                .setAutoWidth(true);
        grid.addComponentColumn(ServerToolsDialog::findings)
                .setHeader("Poisoning scan")
                .setFlexGrow(2);
        grid.addColumn(r -> shortPrint(r.fingerprint() != null ? r.fingerprint() : r.pinnedFingerprint()))
                .setHeader("Fingerprint")
                .setAutoWidth(true);
        grid.addComponentColumn(this::rowButtons)
                .setHeader("")
                .setAutoWidth(true)
                .setFlexGrow(0);
        diffPanel.setId("tool-diff-panel");
        diffPanel.setWidthFull();
        selection.setId("tools-selection");
        VerticalLayout body = new VerticalLayout(head, grid, diffPanel);
        body.setPadding(false);
        add(body);
        approve.setId("tools-approve");
        approve.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        approve.addClickListener(e -> confirmApproval());
        Button close = new Button("Close", e -> close());
        close.setId("tools-close");
        if (access.editsSecurity()) {
            getFooter().add(selection, close, approve);
        } else {
            Span note = new Span(
                    access.editsConfiguration()
                            ? "Approving tools needs an owner or admin."
                            : "Only owners and admins approve tools.");
            note.getStyle().set("color", "var(--lumo-secondary-text-color)");
            getFooter().add(note, close);
        }
        reload();
    }

    /** Opens the tools of {@code server}; {@code changed} runs after the server's status changed. */
    static void open(Gatehouse client, Access access, Server server, Runnable changed) {
        new ServerToolsDialog(client, access, server, changed).open();
    }

    private void reload() {
        ApiCalls.call(() -> client.servers().tools(server.id())).ifPresent(this::show);
    }

    private void show(ServerTools tools) {
        review = ToolReview.of(tools);
        selected.clear();
        selected.addAll(review.defaultSelection());
        ServerStatus s = tools.status() == null ? server.status() : tools.status();
        status.setText(s.wire());
        status.getElement().getThemeList().clear();
        status.getElement()
                .getThemeList()
                .add(
                        switch (s) {
                            case APPROVED -> "badge success";
                            case BLOCKED -> "badge error";
                            case PENDING -> "badge contrast";
                        });
        statusActions.removeAll();
        if (access.editsConfiguration()) {
            if (s != ServerStatus.APPROVED) {
                statusActions.add(statusButton("Approve server", "server-approve", ServerStatus.APPROVED));
            }
            if (s != ServerStatus.BLOCKED) {
                statusActions.add(statusButton("Block server", "server-block", ServerStatus.BLOCKED));
            }
        }
        times.setText(
                "tools reported " + KillSwitchesView.when(tools.reportedAt()).replaceFirst("^$", "never")
                        + " · pins approved "
                        + KillSwitchesView.when(tools.approvedAt()).replaceFirst("^$", "never"));
        grid.setItems(review.rows());
        review.rows().stream().filter(ToolReview.Row::needsReview).findFirst().ifPresentOrElse(this::showDiff, () -> {
            diffPanel.removeAll();
            diffPanel.add(new Paragraph(
                    review.rows().isEmpty()
                            ? "No tools reported yet. The data plane reports what the server announces"
                                    + " (PUT /api/v1/servers/{id}/tools)."
                            : "Every announced tool matches its pin."));
        });
        updateSelection();
    }

    private Component selectBox(ToolReview.Row row) {
        Checkbox box = new Checkbox(selected.contains(row.name()));
        box.addClassName("tool-select");
        box.getElement().setAttribute("data-tool", row.name());
        box.setEnabled(row.approvable());
        if (row.blocked()) {
            box.setTooltipText("The poisoning scan blocks this definition; it cannot be pinned");
        } else if (row.discovered() == null) {
            box.setTooltipText("No longer announced; approving removes its pin");
        }
        box.addValueChangeListener(e -> {
            if (e.getValue()) {
                selected.add(row.name());
            } else {
                selected.remove(row.name());
            }
            updateSelection();
        });
        return box;
    }

    private Component rowButtons(ToolReview.Row row) {
        HorizontalLayout buttons = new HorizontalLayout();
        Button diff = new Button(row.state() == ToolReview.State.PINNED ? "Definition" : "Diff", e -> showDiff(row));
        diff.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        diff.addClassName("tool-show-diff");
        diff.getElement().setAttribute("data-tool", row.name());
        buttons.add(diff);
        if (access.editsConfiguration() && row.discovered() != null) {
            Button stop = new Button(
                    "Stop",
                    VaadinIcon.POWER_OFF.create(),
                    e -> KillSwitchDialog.open(
                            client,
                            KillSwitchScope.TOOL,
                            server.id(),
                            row.name(),
                            "tool " + row.name() + " of " + server.name(),
                            () -> {}));
            stop.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            stop.addClassName("tool-kill");
            buttons.add(stop);
        }
        return buttons;
    }

    private void showDiff(ToolReview.Row row) {
        diffPanel.removeAll();
        String title = switch (row.state()) {
            case CHANGED ->
                "Changed: " + row.name() + " (pinned " + shortPrint(row.pinnedFingerprint()) + " → announced "
                        + shortPrint(row.fingerprint()) + ")";
            case NEW -> "New: " + row.name() + " (never approved)";
            case REMOVED -> "Removed: " + row.name() + " (pinned, no longer announced)";
            case PINNED -> "Pinned: " + row.name() + " (unchanged)";
        };
        H4 heading = new H4(title);
        heading.setId("tool-diff-title");
        diffPanel.add(heading);
        if (!row.findings().isEmpty()) {
            Div findings = new Div();
            findings.setId("tool-diff-findings");
            row.findingLines().forEach(line -> findings.add(new Div(new Span("⚠ " + line))));
            findings.getStyle().set("color", "var(--lumo-error-text-color)");
            diffPanel.add(findings);
        }
        DiffView view = new DiffView(row.diff(), row.state() == ToolReview.State.PINNED);
        view.setId("tool-diff");
        diffPanel.add(view);
    }

    private void updateSelection() {
        if (review == null) {
            return;
        }
        long count = review.approval(selected).size();
        selection.setText(count + " of " + review.rows().size() + " selected");
        approve.setEnabled(!review.rows().isEmpty());
    }

    private Button statusButton(String label, String id, ServerStatus target) {
        Button b = new Button(label, e -> confirmStatus(target));
        b.setId(id);
        b.addThemeVariants(
                ButtonVariant.LUMO_SMALL,
                target == ServerStatus.BLOCKED ? ButtonVariant.LUMO_ERROR : ButtonVariant.LUMO_SUCCESS);
        return b;
    }

    private void confirmStatus(ServerStatus target) {
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setId("server-status-confirm");
        confirm.setHeader((target == ServerStatus.APPROVED ? "Approve" : "Block") + " server " + server.name() + "?");
        confirm.setText(
                target == ServerStatus.APPROVED
                        ? "The data planes route calls to it (only its approved tools are shown and forwarded)."
                        : "The data planes stop routing to it until it is approved again.");
        confirm.setCancelable(true);
        confirm.setConfirmText(target == ServerStatus.APPROVED ? "Approve" : "Block");
        if (target == ServerStatus.BLOCKED) {
            confirm.setConfirmButtonTheme("error primary");
        }
        confirm.addConfirmListener(e -> ApiCalls.call(() -> client.servers().update(server, withStatus(server, target)))
                .ifPresent(updated -> {
                    server = updated;
                    ApiCalls.success("Server " + updated.name() + " is "
                            + updated.status().wire());
                    changed.run();
                    reload();
                }));
        confirm.open();
    }

    static ServerRequest withStatus(Server s, ServerStatus status) {
        return new ServerRequest(
                s.name(),
                s.slug(),
                s.upstreamUrl(),
                s.transport(),
                s.upstreamAuth(),
                s.allowedOrigins(),
                status,
                s.labels());
    }

    private void confirmApproval() {
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setId("tools-approve-confirm");
        confirm.setHeader("Approve the reviewed tools of " + server.name() + "?");
        VerticalLayout text = new VerticalLayout();
        text.setPadding(false);
        text.setSpacing(false);
        review.effects(selected).forEach(line -> text.add(new Span(line)));
        text.add(new Span("The data planes pin exactly these definitions with the next bundle."));
        confirm.setText(text);
        confirm.setCancelable(true);
        confirm.setConfirmText("Approve");
        confirm.addConfirmListener(e -> approveSelected());
        confirm.open();
    }

    private void approveSelected() {
        try {
            ServerTools after = client.servers().approveTools(server.id(), review.approval(selected));
            ApiCalls.success("Approved " + after.pinned().size() + " tools of " + server.name());
            show(after);
        } catch (ConflictException | InvalidRequestException e) {
            String details = e.fieldErrors().stream().map(f -> f.message()).collect(Collectors.joining("; "));
            ApiCalls.error(details.isEmpty() ? ApiCalls.describe(e) : details);
            reload();
        } catch (GatehouseException e) {
            ApiCalls.handle(e);
        }
    }

    private static Component stateBadge(ToolReview.Row row) {
        Span badge = new Span(row.state().label());
        badge.addClassName("tool-state");
        badge.getElement()
                .getThemeList()
                .add(
                        switch (row.state()) {
                            case PINNED -> "badge success";
                            case CHANGED -> "badge error";
                            case NEW -> "badge";
                            case REMOVED -> "badge contrast";
                        });
        return badge;
    }

    private static Component findings(ToolReview.Row row) {
        if (row.discovered() == null) {
            return new Span("—");
        }
        if (row.findings().isEmpty()) {
            Span clean = new Span("clean");
            clean.getStyle().set("color", "var(--lumo-success-text-color)");
            return clean;
        }
        Span text = new Span(String.join("; ", row.findingLines()));
        text.addClassName("tool-findings");
        text.getStyle()
                .set(
                        "color",
                        row.blocked() ? "var(--lumo-error-text-color)" : "var(--lumo-warning-text-color, #b36b00)");
        return text;
    }

    /** {@code sha256:0123456789ab…} for display. */
    static String shortPrint(String fingerprint) {
        if (fingerprint == null) {
            return "—";
        }
        return fingerprint.length() > 19 ? fingerprint.substring(0, 19) + "…" : fingerprint;
    }
}
