package io.gatehouse.console.ui.watch;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.gatehouse.console.ui.ApiCalls;
import io.gatehouse.console.ui.ConsoleSession;
import io.gatehouse.console.ui.MainLayout;
import io.gatehouse.protocol.api.AuditStats;
import io.gatehouse.sdk.Gatehouse;
import java.time.Instant;
import java.util.List;

/**
 * The audit dashboard: totals by decision, calls, denies and redactions over time, and the top tools, for a chosen
 * range; every chart is SVG rendered here from {@code /api/v1/audit/stats} (redactions from the streaming export,
 * since the aggregates do not count findings).
 */
@Route(value = "dashboard", layout = MainLayout.class)
@PageTitle("Dashboard · Gatehouse")
public final class DashboardView extends VerticalLayout {
    /** Most events the redaction series reads from the export of one range. */
    static final long REDACTION_SCAN_LIMIT = 50_000;

    private final Gatehouse client = ConsoleSession.require().client();
    private final Select<AuditFilter.Range> range = new Select<>();
    private final HorizontalLayout tiles = new HorizontalLayout();
    private final Div overTime = chartBox("chart-over-time");
    private final Div topTools = chartBox("chart-top-tools");
    private final Span note = new Span();

    public DashboardView() {
        setMaxWidth("1100px");
        H2 heading = new H2("Dashboard");
        heading.getStyle().set("margin", "0");
        range.setLabel("Range");
        range.setItems(AuditFilter.Range.values());
        range.setItemLabelGenerator(AuditFilter.Range::label);
        range.setValue(AuditFilter.Range.DAY);
        range.setId("dashboard-range");
        range.addValueChangeListener(e -> refresh());
        Button explore =
                new Button("Open the audit explorer", e -> UI.getCurrent().navigate(AuditExplorerView.class));
        explore.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        explore.setId("open-audit");
        HorizontalLayout bar = new HorizontalLayout(range, explore);
        bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        tiles.setId("dashboard-tiles");
        note.setId("dashboard-note");
        note.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
        add(
                heading,
                new Paragraph("What your data planes decided: every call, the denied ones, what redaction rules"
                        + " changed, and the busiest tools."),
                bar,
                tiles,
                overTime,
                topTools,
                note);
        refresh();
    }

    private void refresh() {
        AuditFilter filter = AuditFilter.of(range.getValue());
        Instant now = Instant.now();
        ApiCalls.call(() -> client.audit().stats(filter.query(now), null)).ifPresent(stats -> show(filter, now, stats));
    }

    private void show(AuditFilter filter, Instant now, AuditStats stats) {
        AuditCharts.Grid grid = AuditCharts.Grid.of(stats);
        AuditCharts.RedactionCounter redactions = new AuditCharts.RedactionCounter(grid);
        boolean complete = stats.total() == 0 || countRedactions(filter, now, redactions);
        long redacted = 0;
        for (long v : redactions.values()) {
            redacted += v;
        }
        tiles.removeAll();
        tiles.add(
                tile("tile-calls", "Calls", stats.total()),
                tile("tile-allowed", "Allowed", stats.byDecision().getOrDefault("ALLOW", 0L)),
                tile("tile-denied", "Denied", stats.byDecision().getOrDefault("DENY", 0L)),
                tile("tile-shadow", "Shadow denies", stats.byDecision().getOrDefault("SHADOW_DENY", 0L)),
                tile("tile-redacted", "Redacted", redacted));
        setSvg(
                overTime,
                SvgCharts.timeSeries(
                        "Calls, denies and redactions over time",
                        grid.start(),
                        grid.bucketSeconds(),
                        List.of(
                                new SvgCharts.Series("calls", "#1676f3", AuditCharts.calls(stats, grid)),
                                new SvgCharts.Series("denies", "#e8412c", AuditCharts.decided(stats, grid, "DENY")),
                                new SvgCharts.Series("redactions", "#8c4ad8", redactions.values()))));
        setSvg(topTools, SvgCharts.bars("Top tools", AuditCharts.topTools(stats)));
        note.setText("One point per " + grid.bucketSeconds() + " s (UTC)."
                + (complete ? "" : " Redactions counted over the first " + REDACTION_SCAN_LIMIT + " calls only."));
    }

    /** Reads the range's export and counts redacted calls; false when it stopped at the scan limit. */
    private boolean countRedactions(AuditFilter filter, Instant now, AuditCharts.RedactionCounter counter) {
        final class Enough extends RuntimeException {
            Enough() {
                super(null, null, false, false);
            }
        }
        try {
            ApiCalls.run(() -> client.audit().export(filter.query(now), event -> {
                counter.accept(event);
                if (counter.seen() >= REDACTION_SCAN_LIMIT) {
                    throw new Enough();
                }
            }));
            return true;
        } catch (Enough e) {
            return false;
        }
    }

    private static Component tile(String id, String label, long value) {
        Span number = new Span(Long.toString(value));
        number.setId(id);
        number.getStyle().set("font-size", "var(--lumo-font-size-xxl)").set("font-weight", "600");
        Span caption = new Span(label);
        caption.getStyle().set("color", "var(--lumo-secondary-text-color)");
        VerticalLayout tile = new VerticalLayout(number, caption);
        tile.setSpacing(false);
        tile.getStyle()
                .set("background", "var(--lumo-contrast-5pct)")
                .set("border-radius", "var(--lumo-border-radius-m)")
                .set("min-width", "130px");
        return tile;
    }

    private static Div chartBox(String id) {
        Div box = new Div();
        box.setId(id);
        box.setWidthFull();
        return box;
    }

    private static void setSvg(Div box, String svg) {
        box.getElement().setProperty("innerHTML", svg);
    }
}
