package io.gatehouse.dataplane.bundle;

import io.gatehouse.dataplane.auth.TokenVerifier;
import io.gatehouse.protocol.bundle.Bundle;
import io.gatehouse.protocol.bundle.BundleMetadata;
import java.util.Map;

/**
 * The compiled bundle the proxy enforces; replaced atomically as a whole.
 *
 * @param metadata the bundle's metadata
 * @param sha256 digest of the bundle's canonical form
 * @param routes routes by slug
 * @param verifier validates tokens for the bundle's identity providers; null when it has none
 * @param source the decoded bundle (redaction rules and other sections compiled lazily per bundle), or null
 */
public record ActiveBundle(
        BundleMetadata metadata, String sha256, Map<String, Route> routes, TokenVerifier verifier, Bundle source) {

    public ActiveBundle(BundleMetadata metadata, String sha256, Map<String, Route> routes, TokenVerifier verifier) {
        this(metadata, sha256, routes, verifier, null);
    }

    public ActiveBundle {
        routes = Map.copyOf(routes);
    }

    public Route route(String slug) {
        return routes.get(slug);
    }
}
