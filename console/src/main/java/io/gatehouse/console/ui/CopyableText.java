package io.gatehouse.console.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextArea;

/**
 * A read-only, monospaced value with a copy button beside it: secrets shown once and commands to
 * paste into a terminal. {@code id} names the field and {@code id + "-copy"} its button, for tests.
 */
public final class CopyableText extends HorizontalLayout {
    public CopyableText(String label, String value, String id) {
        TextArea field = new TextArea(label);
        field.setValue(value);
        field.setReadOnly(true);
        field.setWidthFull();
        field.setId(id);
        field.getStyle()
                .set("font-family", "var(--lumo-font-family-monospace, monospace)")
                .set("font-size", "var(--lumo-font-size-s)");
        Button copy = new Button(VaadinIcon.COPY_O.create(), e -> {
            field.getElement().executeJs("navigator.clipboard && navigator.clipboard.writeText($0)", value);
            ApiCalls.success(label + " copied");
        });
        copy.setId(id + "-copy");
        copy.getElement().setAttribute("aria-label", "Copy " + label);
        add(field, copy);
        setWidthFull();
        setDefaultVerticalComponentAlignment(FlexComponent.Alignment.END);
        expand(field);
    }
}
