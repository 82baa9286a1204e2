package io.gatehouse.console.ui.onboarding;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import io.gatehouse.console.ConsoleConfig;
import java.util.Optional;

/**
 * Under {@code ./gatehouse dev}: the values a newcomer types into the checklist's forms, so the first protected
 * call needs no documentation (the dev OIDC issuer as identity provider, the demo MCP server, the scopes the dev
 * issuer grants). Absent outside dev.
 */
final class DevHints {
    /** The scopes {@code ./gatehouse dev}'s issuer puts into client-credentials tokens. */
    static final String DEV_SCOPES = "demo:read demo:write";

    private DevHints() {}

    static Optional<Component> of(ConsoleConfig.Onboarding onboarding) {
        if (!onboarding.dev()) {
            return Optional.empty();
        }
        String issuer = onboarding.devOidcIssuer().toString();
        String audience = (onboarding.dataPlaneUrl() != null
                        ? onboarding.dataPlaneUrl()
                        : DataPlaneCommands.DEFAULT_DATA_PLANE_URL)
                .toString();
        Div body = new Div();
        body.add(line("Identity provider — issuer: ", value("dev-issuer", issuer)));
        body.add(line(
                "Identity provider — discovery URL: ",
                value("dev-discovery", issuer + "/.well-known/openid-configuration")));
        body.add(line("Identity provider — audience: ", value("dev-audience", audience)));
        if (onboarding.devMcpUpstream() != null) {
            body.add(line(
                    "MCP server — upstream URL (tools echo, read_file, fetch_url, slow_count): ",
                    value("dev-upstream", onboarding.devMcpUpstream().toString())));
        }
        body.add(line(
                "Scopes the dev issuer's tokens carry (create one under Scopes, then bind a tool to it): ",
                value("dev-scopes", DEV_SCOPES)));
        Details details = new Details("Trying Gatehouse with ./gatehouse dev? Use these values", body);
        details.setOpened(true);
        details.setId("dev-hints");
        details.getStyle()
                .set("background", "var(--lumo-contrast-5pct)")
                .set("border-radius", "var(--lumo-border-radius-m)")
                .set("padding", "0 var(--lumo-space-m)")
                .set("width", "100%");
        return Optional.of(details);
    }

    private static Div line(String label, Span value) {
        Div line = new Div(new Span(label), value);
        line.getStyle().set("margin", "var(--lumo-space-xs) 0");
        return line;
    }

    private static Span value(String id, String text) {
        Span span = new Span(text);
        span.setId(id);
        span.getStyle()
                .set("font-family", "var(--lumo-font-family-monospace, monospace)")
                .set("font-weight", "600");
        return span;
    }
}
