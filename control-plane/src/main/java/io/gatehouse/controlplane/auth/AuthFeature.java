package io.gatehouse.controlplane.auth;

import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;

/**
 * Puts an {@link AuthFilter} in front of every resource method except those marked {@link Public}.
 * A method that declares neither is refused for everyone (fail closed); a test checks none exists.
 */
public final class AuthFeature implements DynamicFeature {
    private final TokenResolver tokens;

    public AuthFeature(TokenResolver tokens) {
        this.tokens = tokens;
    }

    @Override
    public void configure(ResourceInfo resourceInfo, FeatureContext context) {
        if (resourceInfo.getResourceMethod().isAnnotationPresent(Public.class)) {
            return;
        }
        Requires requires = resourceInfo.getResourceMethod().getAnnotation(Requires.class);
        context.register(new AuthFilter(tokens, requires == null ? null : requires.value()));
    }
}
