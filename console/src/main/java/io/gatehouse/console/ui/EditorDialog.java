package io.gatehouse.console.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import io.gatehouse.console.ui.forms.ApiForm;
import io.gatehouse.sdk.ConflictException;
import io.gatehouse.sdk.GatehouseException;
import io.gatehouse.sdk.InvalidRequestException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A dialog around an {@link ApiForm}: Save validates, sends the request, and on a 400/409 puts the
 * API's field errors next to the fields; the dialog closes only when the call succeeded.
 */
public final class EditorDialog<Q, R> extends Dialog {
    private final ApiForm<Q> form;
    private final Function<Q, R> save;
    private final Consumer<R> saved;

    public EditorDialog(String title, String saveLabel, ApiForm<Q> form, Function<Q, R> save, Consumer<R> saved) {
        this.form = form;
        this.save = save;
        this.saved = saved;
        setHeaderTitle(title);
        setWidth("min(720px, 95vw)");
        add(form);
        Button saveButton = new Button(saveLabel, e -> submit());
        saveButton.setId("dialog-save");
        saveButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button("Cancel", e -> close());
        cancel.setId("dialog-cancel");
        getFooter().add(cancel, saveButton);
    }

    /** Validates and sends; true when it was saved. */
    boolean submit() {
        if (!form.validate()) {
            return false;
        }
        R result;
        try {
            result = save.apply(form.toRequest());
        } catch (InvalidRequestException | ConflictException e) {
            form.showServerErrors(e.fieldErrors(), ApiCalls.describe(e));
            return false;
        } catch (GatehouseException e) {
            ApiCalls.handle(e);
            return false;
        }
        close();
        saved.accept(result);
        return true;
    }
}
