package io.gatehouse.console.ui.views;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.gatehouse.console.ui.MainLayout;
import io.gatehouse.console.ui.ResourceListView;
import io.gatehouse.protocol.api.ActivityEntry;
import io.gatehouse.protocol.api.Page;
import io.gatehouse.sdk.GatehouseException;
import io.gatehouse.sdk.ListParams;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The admin activity log: every change, who made it, and the resource before and after. */
@Route(value = "activity", layout = MainLayout.class)
@PageTitle("Activity · Gatehouse")
public final class ActivityView extends ResourceListView<ActivityEntry> {
    static final List<String> RESOURCE_TYPES = List.of(
            "tenant",
            "member",
            "invitation",
            "api-token",
            "identity-provider",
            "server",
            "scope",
            "tool-binding",
            "policy",
            "redaction-rule",
            "rate-limit",
            "kill-switch",
            "data-plane-group",
            "enrollment-token");
    private final Select<String> typeFilter = new Select<>();
    private final TextField actionFilter = new TextField();
    private final DatePicker from = new DatePicker();
    private final DatePicker to = new DatePicker();
    private final Map<String, String> emails = new HashMap<>();

    public ActivityView() {
        super("Activity", "Every change to this organisation, newest first. Select a row to see the change.");
        // Actor emails where the role may read members (owner, admin, auditor); ids otherwise.
        try {
            client.users().listAll().forEach(m -> emails.put(m.id(), m.email()));
        } catch (GatehouseException e) {
            emails.clear();
        }
        typeFilter.setItems(RESOURCE_TYPES);
        typeFilter.setEmptySelectionAllowed(true);
        typeFilter.setEmptySelectionCaption("Any resource");
        typeFilter.setId("filter-resourceType");
        typeFilter.addValueChangeListener(e -> refresh());
        actionFilter.setPlaceholder("Action, e.g. create");
        actionFilter.setValueChangeMode(ValueChangeMode.LAZY);
        actionFilter.addValueChangeListener(e -> refresh());
        from.setPlaceholder("From");
        to.setPlaceholder("To");
        from.addValueChangeListener(e -> refresh());
        to.addValueChangeListener(e -> refresh());
        grid.setItemDetailsRenderer(new ComponentRenderer<>(entry -> {
            Pre pre = new Pre(
                    "before: " + entry.before() + "\nafter:  " + entry.after() + "\nrequest: " + entry.requestId());
            pre.getStyle().set("white-space", "pre-wrap").set("font-size", "var(--lumo-font-size-s)");
            return pre;
        }));
        init();
    }

    @Override
    protected Page<ActivityEntry> fetch(ListParams params) {
        return client.activity().list(params);
    }

    @Override
    protected List<Component> filters() {
        return List.of(typeFilter, actionFilter, from, to);
    }

    @Override
    protected ListParams applyFilters(ListParams params) {
        ListParams p = params;
        if (typeFilter.getValue() != null) {
            p = p.filter("resourceType", typeFilter.getValue());
        }
        if (!actionFilter.getValue().isBlank()) {
            p = p.filter("action", actionFilter.getValue().trim());
        }
        if (from.getValue() != null) {
            p = p.filter(
                    "from",
                    from.getValue().atStartOfDay().toInstant(ZoneOffset.UTC).toString());
        }
        if (to.getValue() != null) {
            p = p.filter(
                    "to",
                    to.getValue()
                            .plusDays(1)
                            .atStartOfDay()
                            .toInstant(ZoneOffset.UTC)
                            .toString());
        }
        return p;
    }

    @Override
    protected void columns(Grid<ActivityEntry> grid) {
        grid.addColumn(e -> KillSwitchesView.when(e.at())).setHeader("When").setAutoWidth(true);
        grid.addColumn(e -> e.actorUserId() == null ? "" : e.actorUserId())
                .setHeader("Actor")
                .setAutoWidth(true);
        grid.addColumn(e -> e.actorTokenId() == null ? "session" : "token " + e.actorTokenId())
                .setHeader("Via");
        grid.addColumn(ActivityEntry::action).setHeader("Action").setAutoWidth(true);
        grid.addColumn(ActivityEntry::resourceType).setHeader("Resource").setAutoWidth(true);
        grid.addColumn(ActivityEntry::resourceId).setHeader("Id").setFlexGrow(2);
    }

    @Override
    protected boolean canWrite() {
        return false;
    }

    @Override
    protected String describe(ActivityEntry item) {
        return item.action() + " " + item.resourceType();
    }

    @Override
    protected void delete(ActivityEntry item) {
        throw new UnsupportedOperationException("the activity log is append-only");
    }
}
