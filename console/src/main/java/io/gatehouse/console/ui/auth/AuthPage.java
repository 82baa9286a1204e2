package io.gatehouse.console.ui.auth;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/** The centred card the public screens (sign-in, sign-up, invitation) share. */
abstract class AuthPage extends VerticalLayout {
    protected final Div card = new Div();

    AuthPage(String title, String subtitle) {
        setSizeFull();
        setAlignItems(FlexComponent.Alignment.CENTER);
        setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);
        card.setWidth("min(420px, 95vw)");
        card.getStyle()
                .set("padding", "var(--lumo-space-l)")
                .set("border-radius", "var(--lumo-border-radius-l)")
                .set("box-shadow", "var(--lumo-box-shadow-m)");
        H1 heading = new H1(title);
        heading.getStyle().set("font-size", "var(--lumo-font-size-xxl)");
        card.add(heading, new Paragraph(subtitle));
        add(card);
    }

    protected void addToCard(Component... components) {
        card.add(components);
    }
}
