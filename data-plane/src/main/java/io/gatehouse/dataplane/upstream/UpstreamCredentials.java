package io.gatehouse.dataplane.upstream;

import static java.util.Objects.requireNonNull;

import io.gatehouse.dataplane.auth.SecretReferenceException;
import java.net.http.HttpClient;
import java.util.Map;

/**
 * Builds the {@link UpstreamCredential} for an upstream's {@link UpstreamAuthSettings}. One factory
 * owns one HTTP client (explicit connect timeout, no redirects) shared by its credentials; close it
 * when the bundle that created it is replaced.
 *
 * <ul>
 *   <li>{@link UpstreamAuthSettings.None}: no headers.
 *   <li>{@link UpstreamAuthSettings.StaticHeader}: {@code headerName: valuePrefix + secret}, the
 *       secret resolved on every call (rotation without restart).
 *   <li>{@link UpstreamAuthSettings.ClientCredentials}: {@code Authorization: Bearer <token>}, the
 *       token cached until {@link UpstreamCredentialOptions#refreshMargin()} before expiry,
 *       single-flight refresh.
 *   <li>{@link UpstreamAuthSettings.TokenExchange}: {@code Authorization: Bearer <exchanged>}, cached
 *       per caller token.
 * </ul>
 *
 * Failures throw {@link UpstreamCredentialException} (the proxy fails the call closed with {@code
 * UPSTREAM_CREDENTIAL_UNAVAILABLE}).
 */
public final class UpstreamCredentials implements AutoCloseable {

    private static final UpstreamCredential NONE = (caller, callerToken) -> Map.of();

    private final UpstreamCredentialOptions options;
    private final HttpClient http;

    public UpstreamCredentials(UpstreamCredentialOptions options) {
        this.options = requireNonNull(options, "options");
        this.http = HttpClient.newBuilder()
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The credential for {@code settings}. */
    public UpstreamCredential create(UpstreamAuthSettings settings) {
        requireNonNull(settings, "settings");
        return switch (settings) {
            case UpstreamAuthSettings.None none -> NONE;
            case UpstreamAuthSettings.StaticHeader header -> staticHeader(header);
            case UpstreamAuthSettings.ClientCredentials cc ->
                new ClientCredentialsCredential(
                        cc,
                        new TokenEndpointClient(http, cc.tokenUri(), cc.clientId(), cc.clientSecretRef(), options),
                        new CachedToken(options.clock(), options.refreshMargin(), options.failureBackoff()));
            case UpstreamAuthSettings.TokenExchange te ->
                new TokenExchangeCredential(
                        te,
                        new TokenEndpointClient(http, te.tokenUri(), te.clientId(), te.clientSecretRef(), options),
                        options);
        };
    }

    private UpstreamCredential staticHeader(UpstreamAuthSettings.StaticHeader header) {
        return new UpstreamCredential() {
            @Override
            public Map<String, String> headers(io.gatehouse.dataplane.auth.Principal caller, String callerToken)
                    throws UpstreamCredentialException {
                String secret;
                try {
                    secret = options.secretResolver().resolve(header.secretRef());
                } catch (SecretReferenceException e) {
                    throw new UpstreamCredentialException("header " + header.headerName() + ": " + e.getMessage());
                }
                if (secret.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                    throw new UpstreamCredentialException("header " + header.headerName() + ": secret "
                            + header.secretRef() + " contains control characters");
                }
                return Map.of(header.headerName(), header.valuePrefix() + secret);
            }

            @Override
            public String toString() {
                return "StaticHeaderCredential[" + header.headerName() + " from " + header.secretRef() + "]";
            }
        };
    }

    @Override
    public void close() {
        http.close();
    }
}
