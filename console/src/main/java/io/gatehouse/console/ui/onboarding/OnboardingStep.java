package io.gatehouse.console.ui.onboarding;

import com.vaadin.flow.component.Component;
import io.gatehouse.console.ui.Access;
import io.gatehouse.sdk.Gatehouse;

/**
 * One item of the first-run checklist. A step is done when the API says so ({@link #isDone}), so
 * the checklist is always the truth, also for steps done through the API or Terraform. Add a step by
 * writing one small class and listing it in {@link OnboardingSteps#ALL}.
 */
public interface OnboardingStep {
    /** Stable id, used as the DOM id of the step's row ({@code step-<id>}). */
    String id();

    String title();

    /** One or two sentences: what and why. */
    String description();

    /** Asks the control plane whether this step has been done. */
    boolean isDone(Gatehouse client);

    /** Whether this role can do the step itself (otherwise the checklist says who can). */
    boolean canDo(Access access);

    /** The button that does the step or leads to the screen where it is done. */
    Component action(Gatehouse client, Runnable changed);
}
