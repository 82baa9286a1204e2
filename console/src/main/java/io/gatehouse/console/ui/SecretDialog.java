package io.gatehouse.console.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;

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
        add(new CopyableText(label, value, id));
        return this;
    }
}
