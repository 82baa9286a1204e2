package io.gatehouse.console.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextArea;

/**
 * Shows a secret the API returns only once (API token, invitation token, enrollment token and its
 * enroll command) with copy buttons, and says that it will not be shown again.
 */
public final class SecretDialog extends Dialog {
    public SecretDialog(String title, String explanation) {
        setHeaderTitle(title);
        setWidth("min(760px, 95vw)");
        Paragraph once = new Paragraph("Copy it now: Gatehouse stores only a hash and cannot show it again.");
        once.getStyle().set("color", "var(--lumo-error-text-color)");
        add(new Paragraph(explanation), once);
        Button done = new Button("I have copied it", e -> close());
        done.setId("secret-done");
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(done);
        setCloseOnOutsideClick(false);
    }

    /** Adds one labelled value with a copy button; {@code id} names the read-only field for tests. */
    public SecretDialog value(String label, String value, String id) {
        TextArea field = new TextArea(label);
        field.setValue(value);
        field.setReadOnly(true);
        field.setWidthFull();
        field.setId(id);
        field.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)");
        Button copy = new Button(VaadinIcon.COPY_O.create(), e -> {
            field.getElement().executeJs("navigator.clipboard && navigator.clipboard.writeText($0)", value);
            ApiCalls.success(label + " copied");
        });
        copy.setId(id + "-copy");
        copy.getElement().setAttribute("aria-label", "Copy " + label);
        HorizontalLayout row = new HorizontalLayout(field, copy);
        row.setWidthFull();
        row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.END);
        row.expand(field);
        add(row);
        return this;
    }
}
