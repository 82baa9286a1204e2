package io.gatehouse.dataplane.auth;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetRetrievalException;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.util.Map;

/**
 * A JWK set source whose URL comes from the issuer's discovery document (OIDC discovery or RFC 8414
 * metadata). The document is fetched on first use, with the verifier's timeouts, and its
 * {@code jwks_uri} is kept for the life of the verifier; the document's {@code issuer} must equal the
 * configured issuer exactly, or its keys are never used. It sits under Nimbus' cache, rate limiter,
 * retry and outage decorators like a plain URL source.
 */
final class DiscoveryJwkSetSource implements JWKSetSource<SecurityContext> {

    private final String issuer;
    private final URI discoveryUri;
    private final IssuerHttp http;
    private final ResourceRetriever retriever;
    private volatile URLBasedJWKSetSource<SecurityContext> delegate;

    DiscoveryJwkSetSource(String issuer, URI discoveryUri, IssuerHttp http, ResourceRetriever retriever) {
        this.issuer = issuer;
        this.discoveryUri = discoveryUri;
        this.http = http;
        this.retriever = retriever;
    }

    @Override
    public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime, SecurityContext context)
            throws KeySourceException {
        return resolve().getJWKSet(refreshEvaluator, currentTime, context);
    }

    private URLBasedJWKSetSource<SecurityContext> resolve() throws KeySourceException {
        URLBasedJWKSetSource<SecurityContext> source = delegate;
        if (source != null) {
            return source;
        }
        synchronized (this) {
            if (delegate == null) {
                delegate = new URLBasedJWKSetSource<>(jwksUrl(), retriever);
            }
            return delegate;
        }
    }

    private java.net.URL jwksUrl() throws KeySourceException {
        Map<String, Object> metadata;
        try {
            metadata = http.getJson(discoveryUri);
        } catch (IOException e) {
            throw new JWKSetRetrievalException(
                    "discovery document of " + issuer + " unavailable: " + e.getMessage(), e);
        }
        if (!issuer.equals(metadata.get("issuer"))) {
            throw new JWKSetRetrievalException(
                    "discovery document " + discoveryUri + " names another issuer than " + issuer, null);
        }
        if (!(metadata.get("jwks_uri") instanceof String jwksUri)) {
            throw new JWKSetRetrievalException("discovery document " + discoveryUri + " has no jwks_uri", null);
        }
        try {
            URI uri = URI.create(jwksUri);
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
                throw new JWKSetRetrievalException("jwks_uri of " + issuer + " is not http(s)", null);
            }
            return uri.toURL();
        } catch (IllegalArgumentException | MalformedURLException e) {
            throw new JWKSetRetrievalException("jwks_uri of " + issuer + " is not a valid URL", e);
        }
    }

    @Override
    public void close() {}
}
