package io.gatehouse.console.ui.onboarding;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import io.gatehouse.console.ui.ApiCalls;

/** Shows commands (no secrets) to paste into a terminal, each with a copy button. */
final class CommandDialog extends Dialog {
    CommandDialog(String title, String explanation) {
        setHeaderTitle(title);
        setWidth("min(900px, 95vw)");
        add(new Paragraph(explanation));
        Button done = new Button("Close", e -> close());
        done.setId("command-close");
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(done);
    }

    /** Adds one command; {@code id} names its read-only field. */
    CommandDialog command(String label, String command, String id) {
        TextArea field = new TextArea(label);
        field.setValue(command);
        field.setReadOnly(true);
        field.setWidthFull();
        field.setId(id);
        field.getStyle()
                .set("font-family", "var(--lumo-font-family-monospace, monospace)")
                .set("font-size", "var(--lumo-font-size-s)");
        Button copy = new Button(VaadinIcon.COPY_O.create(), e -> {
            field.getElement().executeJs("navigator.clipboard && navigator.clipboard.writeText($0)", command);
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

    CommandDialog footer(Component component) {
        getFooter().addComponentAtIndex(0, component);
        return this;
    }
}
