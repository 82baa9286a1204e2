package io.gatehouse.dataplane.auth;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.net.MalformedURLException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Builds the {@link TokenVerifier} of a set of trusted issuers. Each token is routed to its issuer
 * by the (unverified) {@code iss} claim and then verified fully against that issuer only; a token
 * of an issuer not in the list is refused with {@code UNTRUSTED_ISSUER}. Opaque (non-JWT) tokens go
 * to the RFC 7662 introspection endpoints of the issuers that have one, in list order.
 *
 * <p>Keys come from {@link IssuerSettings#jwksUri()} or from the {@code jwks_uri} of the discovery
 * document; they are cached ({@link TokenVerifierOptions#jwksCacheTtl()}), refreshed ahead of expiry
 * in the background, kept for {@link TokenVerifierOptions#jwksOutageTolerance()} while the issuer is
 * down, and re-fetched for an unknown {@code kid} at most every {@link
 * TokenVerifierOptions#jwksMinRefreshInterval()}. Every issuer call has the configured connect and
 * read timeouts; when nothing usable is cached, tokens fail closed with {@code ISSUER_UNAVAILABLE}.
 */
public final class TokenVerifiers {

    private static final int JWKS_SIZE_LIMIT = 256 * 1024;

    private TokenVerifiers() {}

    /** A verifier for {@code issuers} with {@link TokenVerifierOptions#defaults()}. */
    public static CloseableTokenVerifier create(List<IssuerSettings> issuers) {
        return create(issuers, TokenVerifierOptions.defaults());
    }

    /**
     * @throws IllegalArgumentException when the issuer list is empty, names an issuer twice, allows an
     *     algorithm that is not asymmetric, or has an unusable URI or secret reference
     */
    public static CloseableTokenVerifier create(List<IssuerSettings> issuers, TokenVerifierOptions options) {
        requireNonNull(issuers, "issuers");
        requireNonNull(options, "options");
        if (issuers.isEmpty()) {
            throw new IllegalArgumentException("issuers is empty (expected: at least one trusted issuer)");
        }
        IssuerHttp http = new IssuerHttp(options.connectTimeout(), options.readTimeout());
        ExecutorService refresher = Executors.newFixedThreadPool(1, r -> {
            Thread t = new Thread(r, "gatehouse-jwks-refresh");
            t.setDaemon(true);
            return t;
        });
        DefaultResourceRetriever retriever = new DefaultResourceRetriever(
                (int) options.connectTimeout().toMillis(),
                (int) options.readTimeout().toMillis(),
                JWKS_SIZE_LIMIT);
        Map<String, JwtIssuerVerifier> jwt = new LinkedHashMap<>();
        Map<String, IntrospectionVerifier> introspection = new LinkedHashMap<>();
        try {
            for (IssuerSettings settings : issuers) {
                requireNonNull(settings, "issuers contains null");
                if (jwt.containsKey(settings.issuer()) || introspection.containsKey(settings.issuer())) {
                    throw new IllegalArgumentException("issuer " + settings.issuer() + " is listed twice");
                }
                if (settings.jwksUri() != null || settings.discoveryUri() != null) {
                    JWKSource<SecurityContext> keys = jwkSource(settings, options, http, retriever, refresher);
                    jwt.put(settings.issuer(), new JwtIssuerVerifier(settings, keys, options.clock()));
                }
                if (settings.introspection() != null) {
                    checkHttp(settings.introspection().endpoint(), settings.issuer(), "introspection endpoint");
                    introspection.put(
                            settings.issuer(),
                            new IntrospectionVerifier(
                                    settings,
                                    http,
                                    options.secretResolver(),
                                    options.clock(),
                                    options.introspectionCacheTtl()));
                }
            }
        } catch (RuntimeException e) {
            jwt.values().forEach(JwtIssuerVerifier::close);
            refresher.shutdownNow();
            http.close();
            throw e;
        }
        List<AutoCloseable> resources = new ArrayList<>(jwt.values());
        resources.add(refresher::shutdownNow);
        resources.add(http);
        return new IssuerRoutingTokenVerifier(jwt, introspection, resources);
    }

    private static JWKSource<SecurityContext> jwkSource(
            IssuerSettings settings,
            TokenVerifierOptions options,
            IssuerHttp http,
            DefaultResourceRetriever retriever,
            ExecutorService refresher) {
        JWKSetSource<SecurityContext> source;
        if (settings.jwksUri() != null) {
            checkHttp(settings.jwksUri(), settings.issuer(), "jwksUri");
            try {
                source = new URLBasedJWKSetSource<>(settings.jwksUri().toURL(), retriever);
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("issuer " + settings.issuer() + ": jwksUri is not a URL", e);
            }
        } else {
            checkHttp(settings.discoveryUri(), settings.issuer(), "discoveryUri");
            source = new DiscoveryJwkSetSource(settings.issuer(), settings.discoveryUri(), http, retriever);
        }
        return JWKSourceBuilder.create(source)
                .cache(
                        options.jwksCacheTtl().toMillis(),
                        options.jwksRefreshTimeout().toMillis())
                .refreshAheadCache(options.jwksRefreshAhead().toMillis(), null, refresher, false, null, false)
                .rateLimited(options.jwksMinRefreshInterval().toMillis())
                .outageTolerant(options.jwksOutageTolerance().toMillis())
                .build();
    }

    private static void checkHttp(URI uri, String issuer, String what) {
        String scheme = uri.getScheme();
        if (!uri.isAbsolute() || uri.getHost() == null || !("https".equals(scheme) || "http".equals(scheme))) {
            throw new IllegalArgumentException(
                    "issuer " + issuer + ": " + what + " " + uri + " (expected: an absolute http(s) URI)");
        }
    }
}
