package io.gatehouse.dataplane.upstream;

import static java.util.Objects.requireNonNull;

import io.gatehouse.dataplane.auth.SecretResolver;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * How the data plane authenticates to one upstream MCP server. The caller's own token is never
 * forwarded upstream: it is only ever sent to a {@link TokenExchange} token endpoint as the subject
 * token. Secrets are references ({@code env:NAME} or {@code file:/path}, see {@link SecretResolver}),
 * resolved when a credential is needed.
 */
public sealed interface UpstreamAuthSettings {

    String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

    /** No credential: the upstream request carries no {@code Authorization} header. */
    record None() implements UpstreamAuthSettings {}

    /**
     * A static secret in a header, e.g. {@code Authorization: Bearer <key>} ({@code valuePrefix}
     * {@code "Bearer "}) or {@code X-API-Key: <key>} (no prefix).
     *
     * @param headerName an HTTP header name (token characters; not a hop-by-hop or framing header)
     * @param secretRef reference of the secret
     * @param valuePrefix text before the secret, or null/empty
     */
    record StaticHeader(String headerName, String secretRef, String valuePrefix) implements UpstreamAuthSettings {
        private static final Set<String> FORBIDDEN = Set.of(
                "host",
                "content-length",
                "content-type",
                "transfer-encoding",
                "connection",
                "keep-alive",
                "upgrade",
                "te",
                "trailer",
                "proxy-authorization",
                "mcp-session-id",
                "mcp-protocol-version");

        public StaticHeader {
            requireNonNull(headerName, "headerName");
            if (headerName.isEmpty() || !headerName.chars().allMatch(StaticHeader::isTokenChar)) {
                throw new IllegalArgumentException("headerName: '" + headerName + "' (expected: an HTTP header name)");
            }
            if (FORBIDDEN.contains(headerName.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(
                        "headerName: " + headerName + " (expected: not a framing, hop-by-hop or MCP header)");
            }
            SecretResolver.checkSyntax(secretRef);
            valuePrefix = valuePrefix == null ? "" : valuePrefix;
            if (valuePrefix.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new IllegalArgumentException("valuePrefix: contains control characters");
            }
        }

        private static boolean isTokenChar(int c) {
            return c > 0x20 && c < 0x7f && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
        }
    }

    /**
     * OAuth 2.0 client credentials: the data plane's own token for the upstream, cached until
     * shortly before it expires.
     *
     * @param tokenUri the authorization server's token endpoint
     * @param clientId the data plane's client id there
     * @param clientSecretRef reference of the client secret ({@code client_secret_basic})
     * @param scopes scopes to request (may be empty)
     * @param audience {@code audience} parameter, or null
     * @param resource RFC 8707 {@code resource} parameter (the upstream's URI), or null
     */
    record ClientCredentials(
            URI tokenUri, String clientId, String clientSecretRef, Set<String> scopes, String audience, String resource)
            implements UpstreamAuthSettings {
        public ClientCredentials {
            checkEndpoint(tokenUri);
            requireNonNull(clientId, "clientId");
            SecretResolver.checkSyntax(clientSecretRef);
            scopes = Set.copyOf(requireNonNull(scopes, "scopes"));
        }
    }

    /**
     * RFC 8693 token exchange: the caller's token is exchanged (as {@code subject_token}) for a token
     * for the upstream; results are cached per caller token until shortly before they expire.
     *
     * @param tokenUri the authorization server's token endpoint
     * @param clientId the data plane's client id there
     * @param clientSecretRef reference of the client secret ({@code client_secret_basic})
     * @param audience {@code audience} parameter, or null
     * @param resource RFC 8707 {@code resource} parameter (the upstream's URI), or null
     * @param scopes scopes to request (may be empty)
     * @param requestedTokenType {@code requested_token_type}; null means an access token
     */
    record TokenExchange(
            URI tokenUri,
            String clientId,
            String clientSecretRef,
            String audience,
            String resource,
            Set<String> scopes,
            String requestedTokenType)
            implements UpstreamAuthSettings {
        public TokenExchange {
            checkEndpoint(tokenUri);
            requireNonNull(clientId, "clientId");
            SecretResolver.checkSyntax(clientSecretRef);
            if (audience == null && resource == null) {
                throw new IllegalArgumentException("token exchange needs an audience or a resource (the upstream)");
            }
            scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
            requestedTokenType = requestedTokenType == null ? ACCESS_TOKEN_TYPE : requestedTokenType;
        }
    }

    private static void checkEndpoint(URI tokenUri) {
        requireNonNull(tokenUri, "tokenUri");
        String scheme = tokenUri.getScheme();
        if (!tokenUri.isAbsolute()
                || tokenUri.getHost() == null
                || !("https".equals(scheme) || "http".equals(scheme))) {
            throw new IllegalArgumentException("tokenUri: " + tokenUri + " (expected: an absolute http(s) URI)");
        }
    }
}
