package io.gatehouse.console.ui.views;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

/**
 * Renders a {@link DefinitionDiff} as a unified diff: one block per pinned field, removed lines on a red
 * background with {@code -}, added ones on green with {@code +}, unchanged fields collapsed to a header.
 * Lines carry the classes {@code diff-removed}, {@code diff-added} and {@code diff-same}.
 */
final class DiffView extends Div {
    /** {@code expandUnchanged} shows the lines of unchanged fields too (to read a pinned definition). */
    DiffView(DefinitionDiff diff, boolean expandUnchanged) {
        addClassName("tool-diff");
        getStyle()
                .set("font-family", "var(--lumo-font-family-monospace, monospace)")
                .set("font-size", "var(--lumo-font-size-s)")
                .set("border", "1px solid var(--lumo-contrast-10pct)")
                .set("border-radius", "var(--lumo-border-radius-m)")
                .set("overflow", "auto")
                .set("max-height", "420px");
        for (DefinitionDiff.Section section : diff.sections()) {
            Div header =
                    new Div(new Span(section.field() + (section.changed() || expandUnchanged ? "" : " (unchanged)")));
            header.addClassName("diff-header");
            header.getStyle()
                    .set("background", "var(--lumo-contrast-5pct)")
                    .set("font-weight", "600")
                    .set("padding", "2px 8px");
            add(header);
            if (!section.changed() && !expandUnchanged) {
                continue;
            }
            for (DefinitionDiff.Line line : section.lines()) {
                Div row = new Div();
                row.setText(line.kind().marker() + " " + line.text());
                row.getStyle().set("white-space", "pre-wrap").set("padding", "0 8px");
                switch (line.kind()) {
                    case REMOVED -> {
                        row.addClassName("diff-removed");
                        row.getStyle().set("background", "var(--lumo-error-color-10pct)");
                    }
                    case ADDED -> {
                        row.addClassName("diff-added");
                        row.getStyle().set("background", "var(--lumo-success-color-10pct)");
                    }
                    case SAME -> {
                        row.addClassName("diff-same");
                        row.getStyle().set("color", "var(--lumo-secondary-text-color)");
                    }
                }
                add(row);
            }
        }
    }
}
