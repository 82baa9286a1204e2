package io.gatehouse.protocol.bundle;

import static io.gatehouse.protocol.bundle.Checks.SCOPE;
import static io.gatehouse.protocol.bundle.Checks.httpUri;
import static io.gatehouse.protocol.bundle.Checks.optionalText;
import static io.gatehouse.protocol.bundle.Checks.required;
import static io.gatehouse.protocol.bundle.Checks.stringList;
import static io.gatehouse.protocol.bundle.Checks.text;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How the data plane authenticates to an upstream MCP server. The client's own token is never
 * forwarded; secrets are {@link SecretRef references} resolved inside the customer network.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = UpstreamAuth.None.class, name = "none"),
    @JsonSubTypes.Type(value = UpstreamAuth.StaticHeader.class, name = "static-header"),
    @JsonSubTypes.Type(value = UpstreamAuth.ClientCredentials.class, name = "oauth2-client-credentials"),
    @JsonSubTypes.Type(value = UpstreamAuth.TokenExchange.class, name = "token-exchange")
})
public sealed interface UpstreamAuth {

    /** No upstream credential (e.g. a server inside a trusted network segment). */
    record None() implements UpstreamAuth {}

    /**
     * A static header, e.g. {@code X-API-Key: <secret>} or {@code Authorization: Bearer <secret>}.
     *
     * @param header header name
     * @param valuePrefix text before the secret (e.g. {@code "Bearer "}); empty for none
     * @param secret where the value is
     */
    record StaticHeader(String header, String valuePrefix, SecretRef secret) implements UpstreamAuth {
        static final Pattern HEADER = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}");
        static final Set<String> FORBIDDEN = Set.of(
                "host",
                "content-length",
                "transfer-encoding",
                "connection",
                "mcp-session-id",
                "mcp-protocol-version",
                "content-type",
                "accept");

        public StaticHeader {
            text(header, "header");
            if (!HEADER.matcher(header).matches() || FORBIDDEN.contains(header.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(
                        "header: '" + header + "' (expected: a header name the proxy does not own)");
            }
            valuePrefix = valuePrefix == null ? "" : valuePrefix;
            if (valuePrefix.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
                throw new IllegalArgumentException("valuePrefix: must be printable ASCII");
            }
            required(secret, "secret");
        }
    }

    /**
     * OAuth 2.0 client credentials grant; the token is cached until shortly before it expires.
     *
     * @param tokenEndpoint the authorization server's token endpoint
     * @param clientId the data plane's client id there
     * @param clientSecret where the client secret is
     * @param scopes scopes to request (may be empty)
     * @param resource RFC 8707 resource indicator to request, or null
     */
    record ClientCredentials(
            URI tokenEndpoint, String clientId, SecretRef clientSecret, List<String> scopes, URI resource)
            implements UpstreamAuth {
        public ClientCredentials {
            httpUri(tokenEndpoint, "tokenEndpoint");
            text(clientId, "clientId");
            required(clientSecret, "clientSecret");
            scopes = stringList(scopes, SCOPE, "scopes");
            if (resource != null) {
                httpUri(resource, "resource");
            }
        }
    }

    /**
     * RFC 8693 token exchange: the caller's validated token is the subject token; the exchanged
     * token (audience = the upstream) is what the upstream sees.
     *
     * @param tokenEndpoint the authorization server's token endpoint
     * @param clientId the data plane's client id there
     * @param clientSecret where the client secret is
     * @param audience the {@code audience} to request
     * @param resource the {@code resource} to request, or null
     * @param scopes scopes to request (may be empty)
     * @param requestedTokenType the {@code requested_token_type}, or null for the server default
     */
    record TokenExchange(
            URI tokenEndpoint,
            String clientId,
            SecretRef clientSecret,
            String audience,
            URI resource,
            List<String> scopes,
            String requestedTokenType)
            implements UpstreamAuth {
        public TokenExchange {
            httpUri(tokenEndpoint, "tokenEndpoint");
            text(clientId, "clientId");
            required(clientSecret, "clientSecret");
            optionalText(audience, "audience");
            if (resource != null) {
                httpUri(resource, "resource");
            }
            if (audience == null && resource == null) {
                throw new IllegalArgumentException("token-exchange: one of audience or resource is required");
            }
            scopes = stringList(scopes, SCOPE, "scopes");
            optionalText(requestedTokenType, "requestedTokenType");
        }
    }
}
