package io.gatehouse.protocol.bundle;

import static io.gatehouse.protocol.bundle.Checks.ID;
import static io.gatehouse.protocol.bundle.Checks.httpUri;
import static io.gatehouse.protocol.bundle.Checks.list;
import static io.gatehouse.protocol.bundle.Checks.matching;
import static io.gatehouse.protocol.bundle.Checks.optionalHttpUri;
import static io.gatehouse.protocol.bundle.Checks.required;
import static io.gatehouse.protocol.bundle.Checks.text;
import static io.gatehouse.protocol.bundle.Checks.unique;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * An issuer whose access tokens the data plane accepts from MCP clients.
 *
 * @param id stable id
 * @param issuer the exact {@code iss} value
 * @param jwksUri the issuer's JWK Set, or null when {@code discoveryUri} or introspection is used
 * @param discoveryUri OIDC discovery / RFC 8414 metadata, or null
 * @param audiences route resource URIs this issuer is trusted for; empty means every route
 * @param algorithms accepted JWS algorithms (asymmetric only)
 * @param claimMappings which claims carry subject, groups and scopes
 * @param introspection RFC 7662 introspection for opaque tokens, or null
 */
public record IdentityProvider(
        String id,
        String issuer,
        URI jwksUri,
        URI discoveryUri,
        List<URI> audiences,
        List<String> algorithms,
        ClaimMappings claimMappings,
        Introspection introspection) {

    /**
     * Asymmetric JWS algorithms only: {@code none} and HMAC are never accepted from a bundle. Exactly the set the
     * agent verifies (EdDSA is not among them: a bundle naming it would be rejected at compile time on the agent).
     */
    public static final Set<String> ALLOWED_ALGORITHMS =
            Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512");

    static final Pattern CLAIM = Pattern.compile("[A-Za-z0-9_:./-]{1,128}");

    public IdentityProvider {
        matching(id, ID, "id");
        text(issuer, "issuer");
        optionalHttpUri(jwksUri, "jwksUri");
        optionalHttpUri(discoveryUri, "discoveryUri");
        if (jwksUri == null && discoveryUri == null && introspection == null) {
            throw new IllegalArgumentException(
                    "identity provider " + id + ": one of jwksUri, discoveryUri or introspection is required");
        }
        audiences = unique(list(audiences, "audiences"), Function.identity(), "audiences");
        for (int i = 0; i < audiences.size(); i++) {
            Checks.canonicalResource(audiences.get(i), "audiences[" + i + "]");
        }
        algorithms = unique(list(algorithms, "algorithms"), Function.identity(), "algorithms");
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("algorithms: must name at least one algorithm");
        }
        for (String alg : algorithms) {
            if (!ALLOWED_ALGORITHMS.contains(alg)) {
                throw new IllegalArgumentException(
                        "algorithms: '" + alg + "' (expected one of " + ALLOWED_ALGORITHMS + ")");
            }
        }
        required(claimMappings, "claimMappings");
    }

    /** Claim names; each defaults to the usual OAuth/OIDC claim. */
    public record ClaimMappings(String subject, String groups, String scopes) {
        public ClaimMappings {
            subject = matching(subject == null ? "sub" : subject, CLAIM, "subject");
            groups = matching(groups == null ? "groups" : groups, CLAIM, "groups");
            scopes = matching(scopes == null ? "scope" : scopes, CLAIM, "scopes");
        }

        public static ClaimMappings defaults() {
            return new ClaimMappings(null, null, null);
        }
    }

    /** RFC 7662 token introspection, with the client secret as a reference. */
    public record Introspection(URI endpoint, String clientId, SecretRef clientSecret) {
        public Introspection {
            httpUri(endpoint, "endpoint");
            text(clientId, "clientId");
            required(clientSecret, "clientSecret");
        }
    }
}
