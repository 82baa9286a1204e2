package io.gatehouse.dataplane.auth;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

/**
 * How tokens of one trusted issuer are validated. Built by the data plane from the identity
 * providers of its bundle.
 *
 * @param issuer exact {@code iss} value
 * @param jwksUri where the issuer's signing keys are; null when {@code discoveryUri} is given
 * @param discoveryUri OIDC discovery / RFC 8414 metadata URI; null when {@code jwksUri} is given
 * @param algorithms allowed JWS algorithms (e.g. RS256, ES256); never {@code none} or HMAC
 * @param clockSkew tolerance for {@code exp}/{@code nbf}
 * @param subjectClaim claim that names the subject (default {@code sub})
 * @param groupsClaim claim that lists groups (default {@code groups})
 * @param scopesClaim claim that lists scopes ({@code scope} space-separated or {@code scp} list)
 * @param introspection RFC 7662 introspection for opaque tokens, or null
 */
public record IssuerSettings(
        String issuer,
        URI jwksUri,
        URI discoveryUri,
        Set<String> algorithms,
        Duration clockSkew,
        String subjectClaim,
        String groupsClaim,
        String scopesClaim,
        Introspection introspection) {

    public IssuerSettings {
        requireNonNull(issuer, "issuer");
        if (jwksUri == null && discoveryUri == null && introspection == null) {
            throw new IllegalArgumentException(
                    "issuer " + issuer + ": one of jwksUri, discoveryUri or introspection is required");
        }
        algorithms = Set.copyOf(requireNonNull(algorithms, "algorithms"));
        clockSkew = clockSkew == null ? Duration.ofSeconds(30) : clockSkew;
        subjectClaim = subjectClaim == null ? "sub" : subjectClaim;
        groupsClaim = groupsClaim == null ? "groups" : groupsClaim;
        scopesClaim = scopesClaim == null ? "scope" : scopesClaim;
    }

    /**
     * RFC 7662 token introspection.
     *
     * @param endpoint the introspection endpoint
     * @param clientId the data plane's client id at the issuer
     * @param clientSecretRef a secret reference ({@code env:NAME} or {@code file:/path}), never the
     *     secret itself
     */
    public record Introspection(URI endpoint, String clientId, String clientSecretRef) {
        public Introspection {
            requireNonNull(endpoint, "endpoint");
            requireNonNull(clientId, "clientId");
            requireNonNull(clientSecretRef, "clientSecretRef");
        }
    }
}
