package io.gatehouse.console.ui.onboarding;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.gatehouse.console.ui.ApiCalls;
import io.gatehouse.console.ui.ConsoleSession;
import io.gatehouse.console.ui.MainLayout;
import java.util.List;

/** The first-run checklist: each step checked against the API, with the button that does it. */
@Route(value = "", layout = MainLayout.class)
@PageTitle("Get started · Gatehouse")
public final class OnboardingView extends VerticalLayout {
    private final ConsoleSession session = ConsoleSession.require();
    private final VerticalLayout list = new VerticalLayout();
    private final ProgressBar progress = new ProgressBar();
    private final Span summary = new Span();
    private final List<OnboardingStep> steps;

    public OnboardingView() {
        this(OnboardingSteps.ALL);
    }

    OnboardingView(List<OnboardingStep> steps) {
        this.steps = steps;
        H2 heading = new H2("Get started");
        heading.getStyle().set("margin", "0");
        summary.setId("onboarding-summary");
        list.setPadding(false);
        add(
                heading,
                new Paragraph(
                        "From sign-up to a protected MCP call. Each step turns green when Gatehouse sees it done."),
                summary,
                progress);
        DevHints.of(io.gatehouse.console.ui.ConsoleContext.current().config().onboarding())
                .ifPresent(this::add);
        add(list);
        setMaxWidth("900px");
        refresh();
        // Steps done outside the console (an agent starting, a first call) tick without a reload: poll while
        // something is left, and re-render only when a step's state changed.
        addAttachListener(attach -> {
            attach.getUI().setPollInterval(POLL_MILLIS);
            polling = attach.getUI().addPollListener(poll -> refreshIfChanged());
        });
        addDetachListener(detach -> {
            if (polling != null) {
                polling.remove();
                polling = null;
            }
            detach.getUI().setPollInterval(-1);
        });
    }

    private com.vaadin.flow.shared.Registration polling;

    static final int POLL_MILLIS = 3000;
    private List<Boolean> shown = List.of();

    void refresh() {
        list.removeAll();
        List<Boolean> states = states();
        int done = 0;
        for (int i = 0; i < steps.size(); i++) {
            if (states.get(i)) {
                done++;
            }
            list.add(row(steps.get(i), states.get(i)));
        }
        shown = states;
        progress.setValue(steps.isEmpty() ? 1 : (double) done / steps.size());
        summary.setText(done + " of " + steps.size() + " steps done");
    }

    private List<Boolean> states() {
        List<Boolean> states = new java.util.ArrayList<>();
        for (OnboardingStep step : steps) {
            states.add(ApiCalls.call(() -> step.isDone(session.client())).orElse(false));
        }
        return states;
    }

    private void refreshIfChanged() {
        if (shown.contains(false) && !states().equals(shown)) {
            refresh();
        }
    }

    private Component row(OnboardingStep step, boolean done) {
        Icon icon = done ? VaadinIcon.CHECK_CIRCLE.create() : VaadinIcon.CIRCLE_THIN.create();
        icon.setColor(done ? "var(--lumo-success-color)" : "var(--lumo-contrast-50pct)");
        Div text = new Div();
        Span title = new Span(step.title());
        title.getStyle().set("font-weight", "600");
        Paragraph description = new Paragraph(step.description());
        description.getStyle().set("margin", "0").set("color", "var(--lumo-secondary-text-color)");
        text.add(title, description);
        HorizontalLayout row = new HorizontalLayout(icon, text);
        row.setId("step-" + step.id());
        row.getElement().setAttribute("data-done", Boolean.toString(done));
        row.setWidthFull();
        row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        row.expand(text);
        if (step.canDo(session.access())) {
            row.add(step.action(session.client(), this::refresh));
        } else if (!done) {
            row.add(new Span("An owner or admin does this step"));
        }
        return row;
    }
}
