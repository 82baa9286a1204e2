package io.gatehouse.dataplane.pipeline;

import io.gatehouse.dataplane.auth.AuthenticationException;
import io.gatehouse.dataplane.auth.BearerChallenge;
import io.gatehouse.dataplane.auth.Principal;
import io.gatehouse.dataplane.auth.TokenVerifier;
import io.gatehouse.dataplane.bundle.Route;
import io.gatehouse.dataplane.config.DataPlaneConfig.AuthMode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Step 3: OAuth 2.1 resource server. Every request (not just {@code initialize}) must carry a bearer
 * token in the Authorization header whose audience is the route's canonical resource URI, from an
 * issuer the route trusts, with the route's required scopes. A route with {@code auth: off} (test
 * profile only) makes every caller the anonymous principal.
 */
public final class AuthenticationHandler extends Handler.Wrapper {

    /** The caller of routes with {@code auth: off}. */
    public static final Principal ANONYMOUS =
            new Principal("anonymous", "gatehouse:auth-off", "", Set.of(), List.of(), Map.of());

    private final VerifiedTokenCache cache;

    public AuthenticationHandler(VerifiedTokenCache cache, Handler next) {
        super(next);
        this.cache = cache;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        McpExchange exchange = McpExchange.of(request);
        Route route = exchange.route();
        if (route.authMode() == AuthMode.OFF) {
            exchange.authenticated(ANONYMOUS, null, Set.of());
            return super.handle(request, response, callback);
        }
        String query = request.getHttpURI().getQuery();
        if (query != null && (query.startsWith("access_token=") || query.contains("&access_token="))) {
            return Responses.refuse(
                    request,
                    response,
                    callback,
                    Refusal.of(
                            ErrorKey.TOKEN_IN_QUERY,
                            "access tokens must be sent in the Authorization header, never in the URL"));
        }
        String token = bearerToken(request.getHeaders().get(HttpHeader.AUTHORIZATION));
        if (token == null) {
            return Responses.refuse(
                    request,
                    response,
                    callback,
                    Refusal.of(ErrorKey.UNAUTHENTICATED, "a bearer token is required")
                            .withHeader(
                                    "WWW-Authenticate",
                                    BearerChallenge.unauthorized(
                                            route.metadataUri(), route.server().requiredScopes())));
        }
        Principal principal;
        try {
            principal = verify(exchange, route, token, cache);
        } catch (AuthenticationException e) {
            return Responses.refuse(
                    request,
                    response,
                    callback,
                    Refusal.of(ErrorKey.UNAUTHENTICATED, e.getMessage())
                            .withHeader(
                                    "WWW-Authenticate",
                                    BearerChallenge.invalidToken(
                                            route.metadataUri(), route.server().requiredScopes(), e))
                            .withDetail(e.reason().name()));
        }
        Set<String> effective = route.scopes().expand(principal.scopes());
        exchange.authenticated(principal, token, effective);
        if (!effective.containsAll(route.server().requiredScopes())) {
            Set<String> needed = new LinkedHashSet<>(route.server().requiredScopes());
            return Responses.refuse(
                    request,
                    response,
                    callback,
                    Refusal.of(ErrorKey.INSUFFICIENT_SCOPE, "this MCP server needs scope " + String.join(" ", needed))
                            .withHeader(
                                    "WWW-Authenticate",
                                    BearerChallenge.insufficientScope(route.metadataUri(), needed)));
        }
        return super.handle(request, response, callback);
    }

    private static Principal verify(McpExchange exchange, Route route, String token, VerifiedTokenCache cache)
            throws AuthenticationException {
        TokenVerifier verifier = exchange.bundle().verifier();
        if (verifier == null || route.trustedIssuers().isEmpty()) {
            throw new AuthenticationException(
                    AuthenticationException.Reason.UNTRUSTED_ISSUER,
                    "no identity provider is configured for this route");
        }
        Principal principal = cache.verify(verifier, token, route.resource());
        if (!route.trustedIssuers().contains(principal.issuer())) {
            throw new AuthenticationException(
                    AuthenticationException.Reason.UNTRUSTED_ISSUER,
                    "the token's issuer is not trusted for this route");
        }
        return principal;
    }

    static String bearerToken(String authorization) {
        if (authorization == null || authorization.length() < 8) {
            return null;
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? null : token;
    }
}
