package io.gatehouse.console.ui.views;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.gatehouse.console.ui.ApiCalls;
import io.gatehouse.console.ui.MainLayout;
import io.gatehouse.console.ui.ResourceListView;
import io.gatehouse.console.ui.forms.RateLimitForm;
import io.gatehouse.protocol.api.LimitKey;
import io.gatehouse.protocol.api.Page;
import io.gatehouse.protocol.api.RateLimit;
import io.gatehouse.protocol.api.Server;
import io.gatehouse.sdk.ListParams;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Token-bucket rate limits per tenant, principal, client, server or tool. */
@Route(value = "rate-limits", layout = MainLayout.class)
@PageTitle("Rate limits · Gatehouse")
public final class RateLimitsView extends ResourceListView<RateLimit> {
    private final Select<LimitKey> keyFilter = new Select<>();
    private final List<Server> servers = new ArrayList<>();
    private final Map<String, String> serverNames = new HashMap<>();

    public RateLimitsView() {
        super(
                "Rate limits",
                "Calls over a limit get a JSON-RPC error with Retry-After. Limits are shared through Redis when configured.");
        ApiCalls.call(() -> client.servers().listAll()).ifPresent(all -> all.forEach(servers::add));
        servers.forEach(s -> serverNames.put(s.id(), s.name()));
        keyFilter.setItems(LimitKey.values());
        keyFilter.setEmptySelectionAllowed(true);
        keyFilter.setEmptySelectionCaption("Any key");
        keyFilter.addValueChangeListener(e -> refresh());
        init();
    }

    @Override
    protected Page<RateLimit> fetch(ListParams params) {
        return client.rateLimits().list(params);
    }

    @Override
    protected List<Component> filters() {
        return List.of(keyFilter);
    }

    @Override
    protected ListParams applyFilters(ListParams params) {
        return keyFilter.getValue() == null
                ? params
                : params.filter("key", keyFilter.getValue().wire());
    }

    @Override
    protected void columns(Grid<RateLimit> grid) {
        grid.addColumn(RateLimit::name).setHeader("Name").setAutoWidth(true);
        grid.addColumn(RateLimit::key).setHeader("Per").setAutoWidth(true);
        grid.addColumn(l -> l.serverId() == null ? "all" : serverNames.getOrDefault(l.serverId(), l.serverId()))
                .setHeader("Server");
        grid.addColumn(l -> l.tool() == null ? "all" : l.tool()).setHeader("Tool");
        grid.addColumn(l -> l.capacity() + " burst, +" + l.refillTokens() + " / " + l.refillPeriodSeconds() + " s")
                .setHeader("Bucket")
                .setFlexGrow(2);
        grid.addColumn(RateLimit::failureMode).setHeader("Redis down").setAutoWidth(true);
    }

    @Override
    protected boolean canWrite() {
        return session.access().editsConfiguration();
    }

    @Override
    protected String createLabel() {
        return "New rate limit";
    }

    @Override
    protected void create() {
        openEditor("New rate limit", "Create", new RateLimitForm(servers, null), client.rateLimits()::create);
    }

    @Override
    protected void edit(RateLimit item) {
        openEditor(
                "Edit " + item.name(),
                "Save",
                new RateLimitForm(servers, item),
                r -> client.rateLimits().update(item, r));
    }

    @Override
    protected String describe(RateLimit item) {
        return "rate limit " + item.name();
    }

    @Override
    protected void delete(RateLimit item) {
        client.rateLimits().delete(item);
    }
}
