package io.gatehouse.console.ui.onboarding;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import io.gatehouse.console.ui.CopyableText;

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
        add(new CopyableText(label, command, id));
        return this;
    }

    CommandDialog footer(Component component) {
        getFooter().addComponentAtIndex(0, component);
        return this;
    }
}
