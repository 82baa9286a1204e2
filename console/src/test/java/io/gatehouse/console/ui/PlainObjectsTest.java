package io.gatehouse.console.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.console.ui.onboarding.OnboardingView;
import io.gatehouse.console.ui.views.ActivityView;
import io.gatehouse.console.ui.views.ApiTokensView;
import io.gatehouse.console.ui.views.EnrollCommand;
import io.gatehouse.console.ui.views.MembersView;
import io.gatehouse.console.ui.views.ServersView;
import io.gatehouse.protocol.api.Role;
import org.junit.jupiter.api.Test;

/** Navigation, role access, paging and the enroll command, without a browser. */
class PlainObjectsTest {
    @Test
    void rolesSeeWhatTheyMayUse() {
        Access viewer = Access.of(Role.VIEWER);
        Access auditor = Access.of(Role.AUDITOR);
        Access editor = Access.of(Role.EDITOR);
        assertThat(Navigation.allows(viewer, ServersView.class)).isTrue();
        assertThat(viewer.editsConfiguration()).isFalse();
        assertThat(Navigation.allows(viewer, ActivityView.class)).isFalse();
        assertThat(Navigation.allows(viewer, OnboardingView.class)).isFalse();
        assertThat(Navigation.home(viewer)).isEqualTo(ServersView.class);

        assertThat(Navigation.visibleTo(auditor))
                .extracting(Navigation.Entry::view)
                .containsExactly(
                        io.gatehouse.console.ui.watch.DashboardView.class,
                        io.gatehouse.console.ui.watch.AuditExplorerView.class,
                        ActivityView.class,
                        ApiTokensView.class);
        assertThat(Navigation.home(auditor)).isEqualTo(io.gatehouse.console.ui.watch.DashboardView.class);
        assertThat(Navigation.allows(viewer, io.gatehouse.console.ui.watch.FleetView.class))
                .isTrue();
        assertThat(Navigation.allows(viewer, io.gatehouse.console.ui.watch.AuditExplorerView.class))
                .isFalse();
        assertThat(Navigation.allows(editor, io.gatehouse.console.ui.watch.DashboardView.class))
                .isFalse();

        assertThat(editor.editsConfiguration()).isTrue();
        assertThat(editor.editsSecurity()).isFalse();
        assertThat(Navigation.allows(editor, MembersView.class)).isFalse();
        assertThat(Navigation.home(Access.of(Role.OWNER))).isEqualTo(OnboardingView.class);
    }

    @Test
    void grantsFollowTheControlPlaneMatrix() {
        assertThat(Access.of(Role.ADMIN).canGrant(Role.OWNER)).isFalse();
        assertThat(Access.of(Role.ADMIN).canGrant(Role.AUDITOR)).isTrue();
        assertThat(Access.of(Role.EDITOR).canGrant(Role.AUDITOR)).isFalse();
        assertThat(Access.of(Role.AUDITOR).canGrant(Role.VIEWER)).isTrue();
        assertThat(Access.of(Role.VIEWER).canGrant(Role.EDITOR)).isFalse();
    }

    @Test
    void pagerWalksCursorsBothWays() {
        CursorPager pager = new CursorPager();
        pager.loaded("c2");
        assertThat(pager.hasPrevious()).isFalse();
        assertThat(pager.toNext()).isEqualTo("c2");
        pager.loaded("c3");
        assertThat(pager.toNext()).isEqualTo("c3");
        pager.loaded(null);
        assertThat(pager.hasNext()).isFalse();
        assertThat(pager.pageNumber()).isEqualTo(3);
        assertThat(pager.toPrevious()).isEqualTo("c2");
        assertThat(pager.toPrevious()).isNull();
        assertThat(pager.pageNumber()).isEqualTo(1);
        assertThatThrownBy(pager::toPrevious).hasMessage("no previous page");
    }

    @Test
    void enrollCommandIsExactAndQuotesOnlyWhenNeeded() {
        assertThat(EnrollCommand.of("http://localhost:8080", "ghe_abc123"))
                .isEqualTo("./gatehouse data-plane enroll --control-plane http://localhost:8080 --token ghe_abc123");
        assertThat(EnrollCommand.of("https://cp.example.com/a b", "ghe_x"))
                .isEqualTo("./gatehouse data-plane enroll --control-plane 'https://cp.example.com/a b' --token ghe_x");
    }
}
