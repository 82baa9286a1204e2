package io.gatehouse.dataplane.auth;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The caller of an MCP request, as established from a validated access token.
 *
 * @param subject the token's subject (after the issuer's claim mapping)
 * @param issuer the exact issuer that vouched for the token
 * @param clientId the OAuth client the token was issued to ({@code client_id}/{@code azp}), or empty
 * @param scopes granted scopes (from {@code scope} or {@code scp})
 * @param groups group memberships (after the issuer's claim mapping)
 * @param claims every claim of the token, for policy conditions; never logged
 */
public record Principal(
        String subject,
        String issuer,
        String clientId,
        Set<String> scopes,
        List<String> groups,
        Map<String, Object> claims) {

    public Principal {
        requireNonNull(subject, "subject");
        requireNonNull(issuer, "issuer");
        clientId = clientId == null ? "" : clientId;
        scopes = Set.copyOf(requireNonNull(scopes, "scopes"));
        groups = List.copyOf(requireNonNull(groups, "groups"));
        claims = Map.copyOf(requireNonNull(claims, "claims"));
    }

    /** True when every one of {@code required} was granted. */
    public boolean hasScopes(Set<String> required) {
        return scopes.containsAll(required);
    }
}
