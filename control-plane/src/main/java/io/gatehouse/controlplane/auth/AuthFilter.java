package io.gatehouse.controlplane.auth;

import io.gatehouse.controlplane.api.errors.ApiException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/**
 * Authenticates the bearer token and checks one {@link Permission}; fails closed. Installed per
 * resource method by {@link AuthFeature}. A method without {@link Requires} gets {@code null}
 * here and is refused for everyone.
 */
@Priority(Priorities.AUTHENTICATION)
final class AuthFilter implements ContainerRequestFilter {
    private final TokenResolver tokens;
    private final Permission required;

    AuthFilter(TokenResolver tokens, Permission required) {
        this.tokens = tokens;
        this.required = required;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiException.unauthorized("UNAUTHENTICATED", "send Authorization: Bearer <token>");
        }
        Caller caller = tokens.resolve(header.substring(7).trim())
                .orElseThrow(
                        () -> ApiException.unauthorized("INVALID_TOKEN", "the token is unknown, expired or revoked"));
        if (required == null || !required.grantedTo(caller.role())) {
            throw ApiException.forbidden("role " + caller.role() + " may not do this"
                    + (required == null ? "" : " (needs " + required + ")"));
        }
        boolean secure = request.getSecurityContext().isSecure();
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return caller;
            }

            @Override
            public boolean isUserInRole(String role) {
                return caller.role().wire().equals(role);
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return "Bearer";
            }
        });
    }
}
