package io.gatehouse.console.ui.onboarding;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import io.gatehouse.console.ui.Access;
import io.gatehouse.sdk.Gatehouse;
import io.gatehouse.sdk.ListParams;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/** A step done on another screen: "done" when a list the API returns is not empty. */
record NavigateStep(
        String id,
        String title,
        String description,
        String buttonLabel,
        Class<? extends Component> screen,
        BiFunction<Gatehouse, ListParams, Integer> count,
        ListParams query,
        Predicate<Access> allowed)
        implements OnboardingStep {

    @Override
    public boolean isDone(Gatehouse client) {
        return count.apply(client, query.limit(1)) > 0;
    }

    @Override
    public boolean canDo(Access access) {
        return allowed.test(access);
    }

    @Override
    public Component action(Gatehouse client, Runnable changed) {
        Button go = new Button(buttonLabel, e -> UI.getCurrent().navigate(screen));
        go.setId("step-" + id + "-go");
        return go;
    }
}
