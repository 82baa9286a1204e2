package io.gatehouse.console.ui.views;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.gatehouse.console.ui.MainLayout;
import io.gatehouse.console.ui.ResourceListView;
import io.gatehouse.console.ui.forms.DataPlaneGroupForm;
import io.gatehouse.protocol.api.DataPlaneGroup;
import io.gatehouse.protocol.api.Page;
import io.gatehouse.sdk.ListParams;

/** Data-plane groups: the agents of one group receive the same bundle. */
@Route(value = "data-plane-groups", layout = MainLayout.class)
@PageTitle("Data-plane groups · Gatehouse")
public final class DataPlaneGroupsView extends ResourceListView<DataPlaneGroup> {

    public DataPlaneGroupsView() {
        super("Data-plane groups", "Agents enroll into a group; every agent of a group enforces the same bundle.");
        init();
    }

    @Override
    protected Page<DataPlaneGroup> fetch(ListParams params) {
        return client.dataPlaneGroups().list(params);
    }

    @Override
    protected void columns(Grid<DataPlaneGroup> grid) {
        grid.addColumn(DataPlaneGroup::name).setHeader("Name").setAutoWidth(true);
        grid.addColumn(g -> g.description() == null ? "" : g.description())
                .setHeader("Description")
                .setFlexGrow(2);
        grid.addColumn(g -> KillSwitchesView.when(g.createdAt()))
                .setHeader("Created")
                .setAutoWidth(true);
    }

    @Override
    protected boolean canWrite() {
        return session.access().editsSecurity();
    }

    @Override
    protected String createLabel() {
        return "New group";
    }

    @Override
    protected void create() {
        openEditor("New data-plane group", "Create", new DataPlaneGroupForm(null), client.dataPlaneGroups()::create);
    }

    @Override
    protected void edit(DataPlaneGroup item) {
        openEditor(
                "Edit " + item.name(),
                "Save",
                new DataPlaneGroupForm(item),
                r -> client.dataPlaneGroups().update(item, r));
    }

    @Override
    protected String describe(DataPlaneGroup item) {
        return "group " + item.name();
    }

    @Override
    protected void delete(DataPlaneGroup item) {
        client.dataPlaneGroups().delete(item);
    }
}
