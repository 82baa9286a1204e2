package io.gatehouse.console.ui.watch;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import io.gatehouse.console.ui.ApiCalls;
import io.gatehouse.console.ui.ConsoleSession;
import io.gatehouse.console.ui.CursorPager;
import io.gatehouse.console.ui.MainLayout;
import io.gatehouse.protocol.api.AuditEvent;
import io.gatehouse.protocol.api.AuditFinding;
import io.gatehouse.protocol.api.AuditVerification;
import io.gatehouse.protocol.api.Page;
import io.gatehouse.sdk.AuditService;
import io.gatehouse.sdk.Gatehouse;
import io.gatehouse.sdk.GatehouseException;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The audit explorer: every call the data planes decided, newest first, filtered by time range, principal, server,
 * tool, decision and free text, paged over the API's cursors. A row opens the call (decision, rule, reason,
 * findings, upstream status, latency, redacted arguments). Export streams JSON Lines or CSV through the SDK; the
 * chain check proves the range is complete and untampered.
 */
@Route(value = "audit", layout = MainLayout.class)
@PageTitle("Audit explorer · Gatehouse")
public final class AuditExplorerView extends VerticalLayout implements BeforeEnterObserver {
    static final int PAGE_SIZE = 50;
    static final List<String> DECISIONS = List.of("ALLOW", "DENY", "SHADOW_DENY");

    private final Gatehouse client = ConsoleSession.require().client();
    private final Select<AuditFilter.Range> range = new Select<>();
    private final DateTimePicker from = new DateTimePicker("From (UTC)");
    private final DateTimePicker to = new DateTimePicker("To (UTC)");
    private final Select<String> decision = new Select<>();
    private final TextField principal = new TextField("Principal");
    private final TextField server = new TextField("Server");
    private final TextField tool = new TextField("Tool");
    private final TextField text = new TextField("Search");
    private final Grid<AuditEvent> grid = new Grid<>();
    private final CursorPager pager = new CursorPager();
    private final Button previous = new Button(VaadinIcon.ANGLE_LEFT.create());
    private final Button next = new Button(VaadinIcon.ANGLE_RIGHT.create());
    private final Span pageLabel = new Span();
    private volatile AuditFilter current = AuditFilter.of(AuditFilter.Range.DAY);
    private volatile Instant queriedAt = Instant.now();

    public AuditExplorerView() {
        setSizeFull();
        H2 heading = new H2("Audit explorer");
        heading.getStyle().set("margin", "0");
        add(
                heading,
                new Paragraph("Every call your data planes decided, newest first: who called which tool, the decision,"
                        + " the rule and the reason. Select a row for the whole record."));

        range.setLabel("Range");
        range.setItems(AuditFilter.Range.values());
        range.setItemLabelGenerator(AuditFilter.Range::label);
        range.setValue(AuditFilter.Range.DAY);
        range.setId("filter-range");
        from.setId("filter-from");
        to.setId("filter-to");
        decision.setLabel("Decision");
        decision.setItems(DECISIONS);
        decision.setEmptySelectionAllowed(true);
        decision.setEmptySelectionCaption("Any");
        decision.setId("filter-decision");
        principal.setId("filter-principal");
        server.setId("filter-server");
        server.setPlaceholder("slug");
        tool.setId("filter-tool");
        text.setId("filter-text");
        text.setPlaceholder("id, principal, rule, reason, …");
        for (TextField f : List.of(principal, server, tool, text)) {
            f.setValueChangeMode(ValueChangeMode.LAZY);
            f.setClearButtonVisible(true);
            f.addValueChangeListener(e -> reload());
        }
        range.addValueChangeListener(e -> reload());
        decision.addValueChangeListener(e -> reload());
        from.addValueChangeListener(e -> reload());
        to.addValueChangeListener(e -> reload());

        HorizontalLayout filters = new HorizontalLayout(range, from, to, decision, principal, server, tool, text);
        filters.setWidthFull();
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.getStyle().set("flex-wrap", "wrap");
        add(filters);

        Anchor jsonl = download("Export JSON Lines", AuditService.Format.JSONL, "jsonl", "export-jsonl");
        Anchor csv = download("Export CSV", AuditService.Format.CSV, "csv", "export-csv");
        Button verify = new Button("Verify chain", VaadinIcon.LINK.create(), e -> verify());
        verify.setId("verify");
        Button reload = new Button("Refresh", VaadinIcon.REFRESH.create(), e -> reload());
        reload.setId("refresh");
        HorizontalLayout actions = new HorizontalLayout(reload, verify, jsonl, csv);
        actions.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        add(actions);

        grid.setId("audit-list");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addColumn(e -> AuditText.time(e.time())).setHeader("Time").setAutoWidth(true);
        grid.addColumn(e -> AuditText.nz(e.principal())).setHeader("Principal").setAutoWidth(true);
        grid.addColumn(e -> AuditText.nz(e.server())).setHeader("Server").setAutoWidth(true);
        grid.addColumn(AuditText::what).setHeader("Tool / method").setAutoWidth(true);
        grid.addComponentColumn(e -> AuditText.decisionBadge(e.decision()))
                .setHeader("Decision")
                .setAutoWidth(true);
        grid.addColumn(e -> AuditText.nz(e.ruleId())).setHeader("Rule").setAutoWidth(true);
        grid.addColumn(e -> AuditText.nz(e.reason())).setHeader("Reason").setFlexGrow(2);
        grid.addColumn(e -> AuditText.latency(e.latencyMicros()))
                .setHeader("Latency")
                .setAutoWidth(true);
        grid.addColumn(e -> e.upstreamStatus() == null ? "" : e.upstreamStatus().toString())
                .setHeader("Status")
                .setAutoWidth(true);
        grid.addItemClickListener(e -> openDetail(e.getItem()));
        add(grid);
        expand(grid);

        previous.setId("page-previous");
        next.setId("page-next");
        pageLabel.setId("page-label");
        previous.addClickListener(e -> load(pager.toPrevious()));
        next.addClickListener(e -> load(pager.toNext()));
        HorizontalLayout paging = new HorizontalLayout(previous, pageLabel, next);
        paging.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        add(paging);
    }

    /** {@code ?tool=echo&decision=DENY&principal=…&server=…&q=…} preset the filters (links from the dashboard). */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> params =
                event.getLocation().getQueryParameters().getParameters();
        preset(params, "tool", tool);
        preset(params, "principal", principal);
        preset(params, "server", server);
        preset(params, "q", text);
        List<String> d = params.get("decision");
        if (d != null && !d.isEmpty() && DECISIONS.contains(d.getFirst())) {
            decision.setValue(d.getFirst());
        }
        reload();
    }

    /** A link to the explorer with {@code tool} preset. */
    public static QueryParameters forTool(String toolName) {
        return QueryParameters.simple(Map.of("tool", toolName));
    }

    private static void preset(Map<String, List<String>> params, String name, TextField field) {
        List<String> values = params.get(name);
        if (values != null && !values.isEmpty()) {
            field.setValue(values.getFirst());
        }
    }

    AuditFilter filter() {
        return new AuditFilter(
                range.getValue(),
                from.getValue(),
                to.getValue(),
                principal.getValue(),
                server.getValue(),
                tool.getValue(),
                decision.getValue(),
                text.getValue());
    }

    private void reload() {
        current = filter();
        queriedAt = Instant.now();
        pager.reset();
        load(null);
    }

    private void load(String cursor) {
        io.gatehouse.sdk.AuditQuery query = current.query(queriedAt).limit(PAGE_SIZE);
        io.gatehouse.sdk.AuditQuery page = cursor == null ? query : query.cursor(cursor);
        ApiCalls.call(() -> client.audit().events(page)).ifPresent((Page<AuditEvent> result) -> {
            grid.setItems(result.items());
            pager.loaded(result.next());
        });
        previous.setEnabled(pager.hasPrevious());
        next.setEnabled(pager.hasNext());
        pageLabel.setText("Page " + pager.pageNumber());
    }

    private Anchor download(String label, AuditService.Format format, String extension, String id) {
        Gatehouse api = client;
        DownloadHandler handler = event -> {
            AuditFilter filter = current;
            Instant at = queriedAt;
            event.setFileName(filter.exportName(at, extension));
            event.setContentType(format == AuditService.Format.CSV ? "text/csv" : "application/x-ndjson");
            try {
                api.audit().export(filter.query(at), format, event.getOutputStream());
            } catch (GatehouseException e) {
                throw new IOException("audit export failed: " + e.getMessage(), e);
            }
        };
        Anchor anchor = new Anchor(handler, label);
        anchor.setId(id);
        anchor.getElement().setAttribute("download", true);
        return anchor;
    }

    private void verify() {
        Instant end = current.end(Instant.now());
        Instant start = current.start(queriedAt);
        ApiCalls.call(() -> client.audit().verify(start, end)).ifPresent(proof -> {
            Dialog dialog = new Dialog();
            dialog.setHeaderTitle("Audit chain " + AuditText.time(start) + " – " + AuditText.time(end));
            Span summary = new Span(AuditText.verification(proof));
            summary.setId("verify-result");
            summary.getStyle()
                    .set("font-weight", "600")
                    .set("color", proof.ok() ? "var(--lumo-success-text-color)" : "var(--lumo-error-text-color)");
            dialog.add(summary);
            Grid<AuditVerification.Agent> agents = new Grid<>();
            agents.setItems(proof.agents());
            agents.addColumn(AuditVerification.Agent::agentId)
                    .setHeader("Agent")
                    .setAutoWidth(true);
            agents.addColumn(a -> a.ok() ? "ok" : "BROKEN").setHeader("Chain");
            agents.addColumn(AuditVerification.Agent::batches).setHeader("Batches");
            agents.addColumn(AuditVerification.Agent::records).setHeader("Records");
            agents.addColumn(a -> a.firstSeq() + "–" + a.lastSeq()).setHeader("Seq");
            agents.addColumn(a -> a.problem() == null ? String.join(", ", a.missingSeqs()) : a.problem())
                    .setHeader("Problem")
                    .setFlexGrow(2);
            agents.setAllRowsVisible(true);
            agents.setWidth("min(860px, 90vw)");
            dialog.add(agents);
            Button close = new Button("Close", e -> dialog.close());
            close.setId("verify-close");
            dialog.getFooter().add(close);
            dialog.open();
        });
    }

    private void openDetail(AuditEvent event) {
        Dialog dialog = new Dialog();
        dialog.setId("audit-detail");
        dialog.setHeaderTitle("Call " + AuditText.what(event) + " · " + event.decision());
        dialog.setWidth("min(860px, 95vw)");
        Div fields = new Div();
        field(fields, "Decision", event.decision(), "detail-decision");
        field(fields, "Rule", AuditText.nz(event.ruleId()), "detail-rule");
        field(fields, "Reason", AuditText.nz(event.reason()), "detail-reason");
        field(
                fields,
                "Upstream status",
                event.upstreamStatus() == null
                        ? "not forwarded"
                        : event.upstreamStatus().toString(),
                "detail-status");
        field(fields, "Latency", AuditText.latency(event.latencyMicros()), "detail-latency");
        field(fields, "Findings", AuditText.findings(event.findings()), "detail-findings");
        field(fields, "Time", AuditText.time(event.time()), "detail-time");
        field(fields, "Principal", AuditText.nz(event.principal()), "detail-principal");
        field(fields, "Issuer", AuditText.nz(event.issuer()), "detail-issuer");
        field(fields, "Client", AuditText.nz(event.clientId()), "detail-client");
        field(fields, "Server", AuditText.nz(event.server()), "detail-server");
        field(fields, "Method", AuditText.nz(event.method()), "detail-method");
        field(fields, "Tool", AuditText.nz(event.tool()), "detail-tool");
        field(fields, "Bundle version", Long.toString(event.bundleVersion()), "detail-bundle");
        field(fields, "Argument digest", AuditText.nz(event.argumentDigest()), "detail-digest");
        field(
                fields,
                "Recorded by",
                "agent " + event.agentId() + ", epoch " + event.epoch() + ", batch " + event.seq(),
                "detail-agent");
        field(fields, "Event id", event.id(), "detail-id");
        dialog.add(fields);
        Pre arguments = new Pre(
                event.redactedArguments() == null
                        ? "(none)"
                        : event.redactedArguments().toPrettyString());
        arguments.setId("detail-arguments");
        arguments.getStyle().set("white-space", "pre-wrap").set("font-size", "var(--lumo-font-size-s)");
        dialog.add(new Span("Arguments (after redaction)"), arguments);
        Button close = new Button("Close", e -> dialog.close());
        close.setId("detail-close");
        close.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(close);
        dialog.open();
    }

    private static void field(Div parent, String label, String value, String id) {
        Span l = new Span(label);
        l.getStyle()
                .set("color", "var(--lumo-secondary-text-color)")
                .set("display", "inline-block")
                .set("min-width", "140px");
        Span v = new Span(value == null ? "" : value);
        v.setId(id);
        Div row = new Div(l, v);
        row.getStyle().set("margin", "2px 0");
        parent.add(row);
    }

    /** Words for audit values. Pure, unit-tested. */
    static final class AuditText {
        private AuditText() {}

        static String nz(String s) {
            return s == null ? "" : s;
        }

        static String time(Instant at) {
            return at == null ? "" : at.toString().replace('T', ' ').replaceAll("(\\.\\d{3})\\d*Z$", "$1Z");
        }

        static String what(AuditEvent e) {
            if (e.tool() != null) {
                return e.tool();
            }
            return e.method() == null ? "" : e.method();
        }

        static String latency(long micros) {
            if (micros < 1000) {
                return micros + " µs";
            }
            return String.format(java.util.Locale.ROOT, "%.1f ms", micros / 1000.0);
        }

        static String findings(List<AuditFinding> findings) {
            if (findings.isEmpty()) {
                return "none";
            }
            StringBuilder s = new StringBuilder();
            for (AuditFinding f : findings) {
                if (!s.isEmpty()) {
                    s.append("; ");
                }
                s.append(f.kind());
                if (f.detector() != null) {
                    s.append(' ').append(f.detector());
                }
                if (f.detail() != null && !f.detail().isBlank()) {
                    s.append(": ").append(f.detail());
                }
            }
            return s.toString();
        }

        static String verification(AuditVerification proof) {
            String counts = proof.batches() + " batches, " + proof.records() + " records, "
                    + proof.agents().size() + (proof.agents().size() == 1 ? " agent" : " agents");
            if (proof.ok()) {
                return "Chain verified: " + counts;
            }
            for (AuditVerification.Agent a : proof.agents()) {
                if (!a.ok()) {
                    String why =
                            a.problem() != null ? a.problem() : "missing batches " + String.join(", ", a.missingSeqs());
                    return "Verification FAILED for agent " + a.agentId() + ": " + why + " (" + counts + ")";
                }
            }
            return "Verification FAILED (" + counts + ")";
        }

        static Component decisionBadge(String decision) {
            Span badge = new Span(decision == null ? "" : decision);
            String color = "ALLOW".equals(decision)
                    ? "var(--lumo-success-text-color)"
                    : ("DENY".equals(decision)
                            ? "var(--lumo-error-text-color)"
                            : "var(--lumo-warning-text-color, #a60)");
            badge.getStyle().set("color", color).set("font-weight", "600");
            return badge;
        }
    }
}
