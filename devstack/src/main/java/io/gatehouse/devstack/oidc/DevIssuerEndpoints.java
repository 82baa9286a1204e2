package io.gatehouse.devstack.oidc;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.sun.net.httpserver.HttpExchange;
import io.gatehouse.devstack.oidc.DevOidcIssuer.Endpoint;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** HTTP handling of the {@link DevOidcIssuer}: discovery, JWKS, token and introspection endpoints. */
final class DevIssuerEndpoints {

    private final DevOidcIssuer issuer;

    DevIssuerEndpoints(DevOidcIssuer issuer) {
        this.issuer = issuer;
    }

    void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Endpoint endpoint = switch (path) {
                case "/.well-known/openid-configuration", "/.well-known/oauth-authorization-server" ->
                    Endpoint.DISCOVERY;
                case "/jwks" -> Endpoint.JWKS;
                case "/token" -> Endpoint.TOKEN;
                case "/introspect" -> Endpoint.INTROSPECTION;
                default -> null;
            };
            if (endpoint == null) {
                DevOidcIssuer.sendJson(exchange, 404, Map.of("error", "not_found"));
                return;
            }
            issuer.countHit(endpoint);
            if (!issuer.available()) {
                DevOidcIssuer.sendJson(exchange, 503, Map.of("error", "temporarily_unavailable"));
                return;
            }
            switch (endpoint) {
                case DISCOVERY -> DevOidcIssuer.sendJson(exchange, 200, issuer.metadata());
                case JWKS ->
                    DevOidcIssuer.sendJson(
                            exchange, 200, issuer.keys().publicJwkSet().toJSONObject(true));
                case TOKEN -> token(exchange);
                case INTROSPECTION -> introspection(exchange);
            }
        }
    }

    private void token(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            DevOidcIssuer.sendJson(exchange, 405, Map.of("error", "invalid_request"));
            return;
        }
        Map<String, String> form = form(exchange);
        DevClient client = authenticate(exchange, form);
        if (client == null) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"dev-oidc\"");
            DevOidcIssuer.sendJson(exchange, 401, Map.of("error", "invalid_client"));
            return;
        }
        String grantType = form.getOrDefault("grant_type", "");
        switch (grantType) {
            case "client_credentials" -> clientCredentials(exchange, client, form);
            case DevOidcIssuer.TOKEN_EXCHANGE_GRANT -> tokenExchange(exchange, client, form);
            default -> DevOidcIssuer.sendJson(exchange, 400, Map.of("error", "unsupported_grant_type"));
        }
    }

    private void clientCredentials(HttpExchange exchange, DevClient client, Map<String, String> form)
            throws IOException {
        Set<String> scopes = requestedScopes(client, form.get("scope"));
        if (scopes == null) {
            DevOidcIssuer.sendJson(exchange, 400, Map.of("error", "invalid_scope"));
            return;
        }
        String audience = audience(form, client.defaultAudience());
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", client.clientId());
        claims.put("client_id", client.clientId());
        claims.put("aud", audience);
        claims.put("scope", String.join(" ", scopes));
        issue(exchange, claims, String.join(" ", scopes), false);
    }

    private void tokenExchange(HttpExchange exchange, DevClient client, Map<String, String> form) throws IOException {
        String subjectToken = form.get("subject_token");
        if (subjectToken == null || !DevOidcIssuer.ACCESS_TOKEN_TYPE.equals(form.get("subject_token_type"))) {
            DevOidcIssuer.sendJson(exchange, 400, Map.of("error", "invalid_request"));
            return;
        }
        String requestedType = form.getOrDefault("requested_token_type", DevOidcIssuer.ACCESS_TOKEN_TYPE);
        if (!DevOidcIssuer.ACCESS_TOKEN_TYPE.equals(requestedType)) {
            DevOidcIssuer.sendJson(exchange, 400, Map.of("error", "invalid_request"));
            return;
        }
        Map<String, Object> subject = issuer.introspect(subjectToken);
        if (subject == null) {
            DevOidcIssuer.sendJson(exchange, 400, Map.of("error", "invalid_grant"));
            return;
        }
        String audience = audience(form, null);
        if (audience == null) {
            DevOidcIssuer.sendJson(exchange, 400, Map.of("error", "invalid_target"));
            return;
        }
        Set<String> scopes = requestedScopes(client, form.get("scope"));
        if (scopes == null) {
            DevOidcIssuer.sendJson(exchange, 400, Map.of("error", "invalid_scope"));
            return;
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", subject.get("sub"));
        claims.put("client_id", client.clientId());
        claims.put("aud", audience);
        claims.put("scope", String.join(" ", scopes));
        claims.put("act", Map.of("sub", client.clientId()));
        issue(exchange, claims, String.join(" ", scopes), true);
    }

    private void issue(HttpExchange exchange, Map<String, Object> claims, String scope, boolean exchanged)
            throws IOException {
        Instant now = issuer.now();
        Instant exp = now.plus(issuer.tokenLifetime());
        claims.put("iat", now);
        claims.put("exp", exp);
        String token =
                issuer.keys().sign(JWSAlgorithm.ES256, new JOSEObjectType("at+jwt"), issuer.claimsWithDefaults(claims));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", token);
        body.put("token_type", "Bearer");
        body.put("expires_in", exp.getEpochSecond() - now.getEpochSecond());
        body.put("scope", scope);
        if (exchanged) {
            body.put("issued_token_type", DevOidcIssuer.ACCESS_TOKEN_TYPE);
        }
        DevOidcIssuer.sendJson(exchange, 200, body);
    }

    private void introspection(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            DevOidcIssuer.sendJson(exchange, 405, Map.of("error", "invalid_request"));
            return;
        }
        Map<String, String> form = form(exchange);
        if (authenticate(exchange, form) == null) {
            DevOidcIssuer.sendJson(exchange, 401, Map.of("error", "invalid_client"));
            return;
        }
        String token = form.get("token");
        Map<String, Object> claims = token == null ? null : issuer.introspect(token);
        if (claims == null) {
            DevOidcIssuer.sendJson(exchange, 200, Map.of("active", false));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>(claims);
        body.put("active", true);
        body.put("token_type", "Bearer");
        DevOidcIssuer.sendJson(exchange, 200, body);
    }

    /** Null when a requested scope is not allowed for the client. */
    private static Set<String> requestedScopes(DevClient client, String scopeParam) {
        if (scopeParam == null || scopeParam.isBlank()) {
            return new LinkedHashSet<>(client.scopes().stream().sorted().toList());
        }
        Set<String> requested =
                new LinkedHashSet<>(Arrays.asList(scopeParam.trim().split("\\s+")));
        return client.scopes().containsAll(requested) ? requested : null;
    }

    private static String audience(Map<String, String> form, String fallback) {
        String resource = form.get("resource");
        if (resource != null) {
            return resource;
        }
        return form.getOrDefault("audience", fallback);
    }

    private DevClient authenticate(HttpExchange exchange, Map<String, String> form) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(
                        Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return null;
            }
            return issuer.authenticate(
                    URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8));
        }
        return issuer.authenticate(form.get("client_id"), form.get("client_secret"));
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readNBytes(64 * 1024), StandardCharsets.UTF_8);
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.putIfAbsent(name, value);
        }
        return form;
    }
}
