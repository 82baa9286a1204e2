package io.gatehouse.console.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.gatehouse.console.ui.onboarding.OnboardingView;
import io.gatehouse.console.ui.views.ActivityView;
import io.gatehouse.console.ui.views.ApiTokensView;
import io.gatehouse.console.ui.views.DataPlaneGroupsView;
import io.gatehouse.console.ui.views.EnrollmentTokensView;
import io.gatehouse.console.ui.views.IdentityProvidersView;
import io.gatehouse.console.ui.views.KillSwitchesView;
import io.gatehouse.console.ui.views.MembersView;
import io.gatehouse.console.ui.views.PoliciesView;
import io.gatehouse.console.ui.views.RateLimitsView;
import io.gatehouse.console.ui.views.RedactionRulesView;
import io.gatehouse.console.ui.views.ScopesView;
import io.gatehouse.console.ui.views.ServersView;
import io.gatehouse.console.ui.views.ToolBindingsView;
import io.gatehouse.console.ui.watch.AuditExplorerView;
import io.gatehouse.console.ui.watch.DashboardView;
import io.gatehouse.console.ui.watch.FleetView;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Every screen behind sign-in, in menu order, with who may open it. This list is the one place a
 * new view is wired in: add a {@code @Route(value = "...", layout = MainLayout.class)} class and one
 * {@link Entry} here. {@link MainLayout} builds the menu from it and refuses routes a role may not see.
 */
public final class Navigation {
    /** Menu sections; a view that belongs to none of them does not fit the console yet. */
    public enum Section {
        START("Start"),
        GATEWAY("Gateway"),
        IDENTITY("Identity"),
        FLEET("Fleet"),
        WATCH("Watch"),
        SETTINGS("Settings");

        private final String title;

        Section(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    /** One menu entry: the view class, its label, icon and the roles that see it. */
    public record Entry(
            Section section,
            String label,
            VaadinIcon icon,
            Class<? extends Component> view,
            Predicate<Access> visibleTo) {}

    private static final List<Entry> ENTRIES = List.of(
            new Entry(
                    Section.START,
                    "Get started",
                    VaadinIcon.CHECK_SQUARE_O,
                    OnboardingView.class,
                    Access::editsConfiguration),
            new Entry(Section.GATEWAY, "MCP servers", VaadinIcon.SERVER, ServersView.class, Access::seesConfiguration),
            new Entry(Section.GATEWAY, "Scopes", VaadinIcon.KEY_O, ScopesView.class, Access::seesConfiguration),
            new Entry(
                    Section.GATEWAY,
                    "Tool bindings",
                    VaadinIcon.CONNECT,
                    ToolBindingsView.class,
                    Access::seesConfiguration),
            new Entry(
                    Section.GATEWAY, "Policies", VaadinIcon.FILE_TEXT_O, PoliciesView.class, Access::seesConfiguration),
            new Entry(
                    Section.GATEWAY,
                    "Redaction rules",
                    VaadinIcon.EYE_SLASH,
                    RedactionRulesView.class,
                    Access::seesConfiguration),
            new Entry(
                    Section.GATEWAY, "Rate limits", VaadinIcon.TIMER, RateLimitsView.class, Access::seesConfiguration),
            new Entry(
                    Section.GATEWAY,
                    "Kill switches",
                    VaadinIcon.POWER_OFF,
                    KillSwitchesView.class,
                    Access::seesConfiguration),
            new Entry(
                    Section.IDENTITY,
                    "Identity providers",
                    VaadinIcon.USER_CHECK,
                    IdentityProvidersView.class,
                    Access::seesConfiguration),
            new Entry(Section.FLEET, "Fleet", VaadinIcon.DASHBOARD, FleetView.class, Access::seesConfiguration),
            new Entry(
                    Section.FLEET,
                    "Data-plane groups",
                    VaadinIcon.CLUSTER,
                    DataPlaneGroupsView.class,
                    Access::seesConfiguration),
            new Entry(
                    Section.FLEET,
                    "Enrollment tokens",
                    VaadinIcon.TICKET,
                    EnrollmentTokensView.class,
                    Access::seesConfiguration),
            new Entry(Section.WATCH, "Dashboard", VaadinIcon.CHART, DashboardView.class, Access::seesAudit),
            new Entry(Section.WATCH, "Audit explorer", VaadinIcon.SEARCH, AuditExplorerView.class, Access::seesAudit),
            new Entry(Section.WATCH, "Activity", VaadinIcon.TIME_BACKWARD, ActivityView.class, Access::seesActivity),
            new Entry(Section.SETTINGS, "Members", VaadinIcon.USERS, MembersView.class, Access::managesMembers),
            new Entry(Section.SETTINGS, "API tokens", VaadinIcon.PASSWORD, ApiTokensView.class, access -> true));

    private Navigation() {}

    public static List<Entry> entries() {
        return ENTRIES;
    }

    public static List<Entry> visibleTo(Access access) {
        return ENTRIES.stream().filter(e -> e.visibleTo().test(access)).toList();
    }

    public static Optional<Entry> entryOf(Class<?> view) {
        return ENTRIES.stream().filter(e -> e.view().equals(view)).findFirst();
    }

    /** Whether {@code access} may open {@code view}; views not in the menu are refused. */
    public static boolean allows(Access access, Class<?> view) {
        return entryOf(view).map(e -> e.visibleTo().test(access)).orElse(false);
    }

    /** Where a role lands after sign-in: the first screen it may see. */
    public static Class<? extends Component> home(Access access) {
        return visibleTo(access).getFirst().view();
    }
}
