package io.gatehouse.console.ui.forms;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.value.HasValueChangeMode;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.gatehouse.protocol.api.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A form that builds one SDK request record. Fields validate as the user types (a {@link Binder}
 * with eager value-change mode); {@link #toRequest()} is called only after {@link #validate()}
 * passed. Each field is registered under the API's JSON name, so the field errors of an RFC 9457
 * problem ({@code errors[].field}, e.g. {@code claims.subject} or {@code rules[1].effect}) appear
 * next to the field that caused them ({@link #showServerErrors}).
 *
 * @param <Q> the request record
 */
public abstract class ApiForm<Q> extends FormLayout {
    protected final Binder<Object> binder = new Binder<>();
    private final Map<String, Component> byApiField = new LinkedHashMap<>();
    private final Span formError = new Span();

    protected ApiForm() {
        formError.addClassName("form-error");
        formError.getStyle().set("color", "var(--lumo-error-text-color)");
        formError.setVisible(false);
    }

    /** Starts a binding for {@code component}, registered under the API field {@code apiField}. */
    protected <V, C extends Component & HasValue<?, V>> Binder.BindingBuilder<Object, V> field(
            String apiField, C component) {
        byApiField.put(Objects.requireNonNull(apiField, "apiField"), component);
        if (component instanceof HasValueChangeMode eager) {
            eager.setValueChangeMode(ValueChangeMode.EAGER);
        }
        return binder.forField(component);
    }

    /** Finishes a binding; the form reads values from its components in {@link #toRequest()}. */
    protected static <V> void bind(Binder.BindingBuilder<Object, V> builder) {
        builder.bind(bean -> null, (bean, value) -> {});
    }

    /** Registers a component for server errors without client-side rules. */
    protected void register(String apiField, Component component) {
        byApiField.put(apiField, component);
    }

    /** Forgets every registration under {@code prefix} (e.g. {@code rules[}) before re-registering rows. */
    protected void unregisterPrefix(String prefix) {
        byApiField.keySet().removeIf(k -> k.startsWith(prefix));
    }

    /** Adds the form-level error line below the fields; call once after adding the fields. */
    protected void addFormError() {
        add(formError);
        setColspan(formError, 2);
    }

    /** Runs every field's rules and shows their messages; true when the form can be sent. */
    public boolean validate() {
        clearServerErrors();
        return binder.validate().isOk() && validateMore();
    }

    /** Cross-field rules a binding cannot express (e.g. "exactly one of"); show your own messages. */
    protected boolean validateMore() {
        return true;
    }

    /** The request record of the current values; only meaningful after {@link #validate()} passed. */
    public abstract Q toRequest();

    /**
     * Shows the API's field errors next to their fields; errors for fields this form does not have
     * go to the form-level line. Returns the errors that could not be placed on a field.
     */
    public List<FieldError> showServerErrors(List<FieldError> errors, String fallbackMessage) {
        List<FieldError> unplaced = new ArrayList<>();
        for (FieldError error : errors) {
            Component target = componentFor(error.field());
            if (target instanceof HasValidation validation) {
                validation.setErrorMessage(error.message());
                validation.setInvalid(true);
            } else {
                unplaced.add(error);
            }
        }
        List<String> lines = new ArrayList<>();
        for (FieldError error : unplaced) {
            lines.add((error.field() == null ? "" : error.field() + ": ") + error.message());
        }
        if (errors.isEmpty() && fallbackMessage != null) {
            lines.add(fallbackMessage);
        }
        showFormError(lines.isEmpty() ? null : String.join("; ", lines));
        return unplaced;
    }

    /** The component registered for an API field path: exact, else the longest registered prefix. */
    Component componentFor(String path) {
        if (path == null) {
            return null;
        }
        String candidate = path;
        while (true) {
            Component exact = byApiField.get(candidate);
            if (exact != null) {
                return exact;
            }
            int cut = Math.max(candidate.lastIndexOf('.'), candidate.lastIndexOf('['));
            if (cut <= 0) {
                return null;
            }
            candidate = candidate.substring(0, cut);
        }
    }

    protected void showFormError(String message) {
        formError.setText(message == null ? "" : message);
        formError.setVisible(message != null);
    }

    /** The form-level error text, empty when there is none. */
    public String formError() {
        return formError.isVisible() ? formError.getText() : "";
    }

    private void clearServerErrors() {
        showFormError(null);
    }
}
