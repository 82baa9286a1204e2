package io.gatehouse.console.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.gatehouse.protocol.api.Page;
import io.gatehouse.sdk.Gatehouse;
import io.gatehouse.sdk.ListParams;
import java.util.List;

/**
 * The shape every list screen shares: a title and short explanation, a "new" button for roles that
 * may write, a filter bar, a grid of one page, and previous/next paging over the API's cursors.
 * A subclass says how to fetch a page ({@link #fetch}), which columns to show, which filters exist
 * ({@link #filters}, {@link #applyFilters}) and what "new", "edit" and "delete" do.
 *
 * @param <R> the resource record
 */
public abstract class ResourceListView<R> extends VerticalLayout {
    static final int PAGE_SIZE = 25;

    protected final ConsoleSession session = ConsoleSession.require();
    protected final Gatehouse client = session.client();
    protected final Grid<R> grid = new Grid<>();
    private final CursorPager pager = new CursorPager();
    private final Button previous = new Button(VaadinIcon.ANGLE_LEFT.create());
    private final Button next = new Button(VaadinIcon.ANGLE_RIGHT.create());
    private final Span pageLabel = new Span();
    private final HorizontalLayout toolbar = new HorizontalLayout();

    protected ResourceListView(String title, String description) {
        setSizeFull();
        H2 heading = new H2(title);
        heading.getStyle().set("margin", "0");
        add(heading, new Paragraph(description));
        toolbar.setWidthFull();
        toolbar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(toolbar);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.setId("list");
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

    /** Call at the end of the subclass constructor: builds columns, toolbar and loads page one. */
    protected final void init() {
        columns(grid);
        if (canWrite()) {
            grid.addComponentColumn(this::rowActions)
                    .setHeader("")
                    .setAutoWidth(true)
                    .setFlexGrow(0);
        }
        for (Component filter : filters()) {
            toolbar.add(filter);
        }
        Span spacer = new Span();
        toolbar.add(spacer);
        toolbar.expand(spacer);
        if (canWrite() && createLabel() != null) {
            Button create = new Button(createLabel(), VaadinIcon.PLUS.create(), e -> create());
            create.setId("create");
            create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            toolbar.add(create);
        }
        refresh();
    }

    /** Reloads from page one (after a filter change or a write). */
    public final void refresh() {
        pager.reset();
        load(null);
    }

    private void load(String cursor) {
        ListParams params = applyFilters(ListParams.create().limit(PAGE_SIZE));
        if (cursor != null) {
            params = params.cursor(cursor);
        }
        ListParams query = params;
        ApiCalls.call(() -> fetch(query)).ifPresent(page -> {
            grid.setItems(page.items());
            pager.loaded(page.next());
        });
        previous.setEnabled(pager.hasPrevious());
        next.setEnabled(pager.hasNext());
        pageLabel.setText("Page " + pager.pageNumber());
    }

    /** One page of the collection for {@code params} (limit, cursor and filters set). */
    protected abstract Page<R> fetch(ListParams params);

    protected abstract void columns(Grid<R> grid);

    /** Whether the signed-in role may create, edit and delete here. */
    protected abstract boolean canWrite();

    /** Filter inputs for the toolbar; call {@link #refresh()} from their change listeners. */
    protected List<Component> filters() {
        return List.of();
    }

    protected ListParams applyFilters(ListParams params) {
        return params;
    }

    /** The label of the create button, or null for none. */
    protected String createLabel() {
        return null;
    }

    protected void create() {}

    /** The buttons of one row; by default edit (if {@link #edit} is supported) and delete. */
    protected Component rowActions(R item) {
        HorizontalLayout actions = new HorizontalLayout();
        if (supportsEdit()) {
            Button edit = new Button(VaadinIcon.EDIT.create(), e -> edit(item));
            edit.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
            edit.getElement().setAttribute("aria-label", "Edit");
            edit.addClassName("row-edit");
            actions.add(edit);
        }
        Button delete = new Button(VaadinIcon.TRASH.create(), e -> confirmDelete(item));
        delete.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR);
        delete.getElement().setAttribute("aria-label", deleteLabel());
        delete.addClassName("row-delete");
        actions.add(delete);
        return actions;
    }

    protected boolean supportsEdit() {
        return true;
    }

    protected void edit(R item) {}

    protected abstract String describe(R item);

    protected String deleteLabel() {
        return "Delete";
    }

    protected abstract void delete(R item);

    private void confirmDelete(R item) {
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setHeader(deleteLabel() + " " + describe(item) + "?");
        confirm.setText("This cannot be undone. The change reaches the data planes with the next bundle.");
        confirm.setCancelable(true);
        confirm.setConfirmText(deleteLabel());
        confirm.setConfirmButtonTheme("error primary");
        confirm.addConfirmListener(e -> {
            if (ApiCalls.run(() -> delete(item))) {
                ApiCalls.success(describe(item) + ": done");
                refresh();
            }
        });
        confirm.open();
    }

    /** Opens an editor dialog; on success shows a note and reloads. */
    protected <Q, T> void openEditor(
            String title,
            String saveLabel,
            io.gatehouse.console.ui.forms.ApiForm<Q> form,
            java.util.function.Function<Q, T> save) {
        new EditorDialog<Q, T>(title, saveLabel, form, save, saved -> {
                    ApiCalls.success("Saved");
                    refresh();
                })
                .open();
    }
}
