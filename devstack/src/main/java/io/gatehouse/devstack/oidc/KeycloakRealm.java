package io.gatehouse.devstack.oidc;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A realm of a {@link KeycloakServer}: client scopes, confidential clients, and tokens. */
public final class KeycloakRealm {

    private final KeycloakServer server;
    private final String name;

    KeycloakRealm(KeycloakServer server, String name) {
        this.server = server;
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** The exact {@code iss} of this realm's tokens: {@code http://127.0.0.1:{port}/realms/{name}}. */
    public String issuer() {
        return server.baseUrl() + "/realms/" + name;
    }

    public URI discoveryUri() {
        return URI.create(issuer() + "/.well-known/openid-configuration");
    }

    public URI tokenEndpoint() {
        return URI.create(issuer() + "/protocol/openid-connect/token");
    }

    public URI jwksUri() {
        return URI.create(issuer() + "/protocol/openid-connect/certs");
    }

    public URI introspectionEndpoint() {
        return URI.create(issuer() + "/protocol/openid-connect/token/introspect");
    }

    /** Creates a client scope that appears in the token's {@code scope} claim when granted. */
    public KeycloakRealm createClientScope(String scope) {
        requireNonNull(scope, "scope");
        server.admin(
                "POST",
                "/admin/realms/" + name + "/client-scopes",
                Map.of(
                        "name",
                        scope,
                        "protocol",
                        "openid-connect",
                        "attributes",
                        Map.of("include.in.token.scope", "true", "display.on.consent.screen", "false")));
        return this;
    }

    /**
     * Creates a confidential client with the client-credentials grant (a service account), an
     * audience mapper so its access tokens carry {@code audience} in {@code aud}, and {@code scopes}
     * (created with {@link #createClientScope}) as optional scopes it may request.
     */
    public KeycloakRealm createClient(String clientId, String secret, String audience, Set<String> scopes) {
        requireNonNull(clientId, "clientId");
        requireNonNull(secret, "secret");
        requireNonNull(audience, "audience");
        Map<String, Object> mapper = Map.of(
                "name", "audience",
                "protocol", "openid-connect",
                "protocolMapper", "oidc-audience-mapper",
                "config",
                        Map.of(
                                "included.custom.audience", audience,
                                "access.token.claim", "true",
                                "id.token.claim", "false",
                                "introspection.token.claim", "true"));
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("clientId", clientId);
        client.put("secret", secret);
        client.put("enabled", true);
        client.put("protocol", "openid-connect");
        client.put("publicClient", false);
        client.put("clientAuthenticatorType", "client-secret");
        client.put("serviceAccountsEnabled", true);
        client.put("standardFlowEnabled", false);
        client.put("directAccessGrantsEnabled", false);
        client.put("optionalClientScopes", List.copyOf(scopes));
        client.put("protocolMappers", List.of(mapper));
        server.admin("POST", "/admin/realms/" + name + "/clients", client);
        return this;
    }

    /** A client-credentials access token; {@code scopes} may be empty. */
    public String token(String clientId, String secret, Set<String> scopes) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("client_secret", secret);
        if (!scopes.isEmpty()) {
            form.put("scope", String.join(" ", scopes));
        }
        JsonNode answer = server.postForm(tokenEndpoint(), form);
        return answer.get("access_token").asText();
    }
}
