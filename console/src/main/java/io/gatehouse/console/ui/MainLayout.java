package io.gatehouse.console.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import io.gatehouse.console.ui.auth.LoginView;
import java.util.Optional;

/** The frame of every signed-in screen: header with the member and sign-out, and the role's menu. */
public final class MainLayout extends AppLayout implements BeforeEnterObserver {
    private final SideNav menu = new SideNav();
    private final Span who = new Span();
    private Access built;

    public MainLayout() {
        menu.setId("menu");
        H1 title = new H1("Gatehouse");
        title.getStyle().set("font-size", "var(--lumo-font-size-l)").set("margin", "0");
        Button signOut = new Button("Sign out", e -> {
            ConsoleSession.signOut();
            getUI().ifPresent(ui -> ui.getPage().setLocation("login"));
        });
        signOut.setId("sign-out");
        signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        who.setId("signed-in-as");
        HorizontalLayout header = new HorizontalLayout(new DrawerToggle(), title, who, signOut);
        header.setWidthFull();
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        header.expand(who);
        header.getStyle().set("padding", "0 var(--lumo-space-m)");
        addToNavbar(header);
        VerticalLayout drawer = new VerticalLayout(menu);
        drawer.setPadding(false);
        addToDrawer(drawer);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Optional<ConsoleSession> session = ConsoleSession.current();
        if (session.isEmpty()) {
            event.forwardTo(LoginView.class);
            return;
        }
        Access access = session.get().access();
        if (!Navigation.allows(access, event.getNavigationTarget())) {
            event.forwardTo(Navigation.home(access));
            return;
        }
        if (!access.equals(built)) {
            buildMenu(access);
            String email = session.get().email();
            who.setText(
                    email == null
                            ? "signed in as " + session.get().role()
                            : email + " · " + session.get().role());
            built = access;
        }
    }

    private void buildMenu(Access access) {
        menu.removeAll();
        Navigation.Section current = null;
        SideNavItem group = null;
        for (Navigation.Entry entry : Navigation.visibleTo(access)) {
            if (entry.section() != current) {
                current = entry.section();
                group = new SideNavItem(current.title());
                group.setExpanded(true);
                menu.addItem(group);
            }
            SideNavItem item =
                    new SideNavItem(entry.label(), entry.view(), entry.icon().create());
            group.addItem(item);
        }
    }
}
