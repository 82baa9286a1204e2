package io.gatehouse.devstack.oidc;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * A confidential client registered at the {@link DevOidcIssuer}.
 *
 * @param clientId the client id
 * @param secret the client secret (dev only)
 * @param scopes the scopes the client may request; all of them when it asks for none
 * @param defaultAudience {@code aud} of its tokens when the request names no {@code resource} or
 *     {@code audience}; may be null (then the token has no audience and resource servers refuse it)
 */
public record DevClient(String clientId, String secret, Set<String> scopes, String defaultAudience) {

    public DevClient {
        requireNonNull(clientId, "clientId");
        requireNonNull(secret, "secret");
        scopes = Set.copyOf(requireNonNull(scopes, "scopes"));
    }

    @Override
    public String toString() {
        return "DevClient[clientId=" + clientId + ", scopes=" + scopes + ", defaultAudience=" + defaultAudience + "]";
    }
}
