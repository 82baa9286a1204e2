package io.gatehouse.dataplane.pipeline;

import io.gatehouse.dataplane.bundle.Route;
import java.util.Collection;

/** {@code WWW-Authenticate: Bearer …} challenges (RFC 6750 §3, RFC 9728 §5.1). */
final class Challenges {
    private Challenges() {}

    /** 401: where the metadata is and which scopes the route needs; {@code error} only when a token was sent. */
    static String unauthorized(Route route, String oauthError, String description) {
        StringBuilder out = new StringBuilder("Bearer resource_metadata=\"")
                .append(route.metadataUrl())
                .append('"');
        if (!route.server().requiredScopes().isEmpty()) {
            out.append(", scope=\"")
                    .append(String.join(" ", route.server().requiredScopes()))
                    .append('"');
        }
        if (oauthError != null) {
            out.append(", error=\"").append(oauthError).append('"');
            out.append(", error_description=\"").append(quoted(description)).append('"');
        }
        return out.toString();
    }

    /** 403 insufficient_scope with the scopes this request needs. */
    static String insufficientScope(Route route, Collection<String> scopes, String description) {
        return "Bearer error=\"insufficient_scope\", scope=\"" + String.join(" ", scopes)
                + "\", resource_metadata=\"" + route.metadataUrl() + "\", error_description=\"" + quoted(description)
                + '"';
    }

    private static String quoted(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\'');
            } else if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
