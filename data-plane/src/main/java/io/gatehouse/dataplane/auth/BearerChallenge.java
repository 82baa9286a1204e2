package io.gatehouse.dataplane.auth;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@code WWW-Authenticate} values for the Bearer scheme (RFC 6750 §3, RFC 9728 §5.1, MCP
 * authorization): a 401 challenge that points at the route's Protected Resource Metadata and the
 * scopes to request, with {@code error="invalid_token"} when a token was presented and refused, and
 * the 403 {@code insufficient_scope} challenge. Scopes keep the caller's order (pass a sorted or
 * insertion-ordered collection for stable headers); duplicates are dropped.
 *
 * <p>Quoting: every value is an RFC 9110 quoted-string. Scope tokens and {@code error_description}
 * must use the RFC 6750 character set, so scopes outside it are rejected (a configuration error) and
 * description characters outside it are replaced with {@code '?'}.
 */
public final class BearerChallenge {

    private BearerChallenge() {}

    /**
     * 401 without a token: {@code Bearer resource_metadata="…", scope="…"} (no {@code scope} when
     * {@code scopes} is empty).
     */
    public static String unauthorized(URI resourceMetadata, Collection<String> scopes) {
        StringBuilder header = new StringBuilder("Bearer ");
        param(
                header,
                "resource_metadata",
                requireNonNull(resourceMetadata, "resourceMetadata").toString());
        scope(header, scopes);
        return header.toString();
    }

    /**
     * 401 for a refused token: {@code Bearer resource_metadata="…", scope="…", error="…",
     * error_description="…"}, where {@code error} is the reason's RFC 6750 code. A {@code
     * MISSING_TOKEN} refusal carries no error (RFC 6750 §3.1) and equals {@link #unauthorized}.
     */
    public static String invalidToken(
            URI resourceMetadata, Collection<String> scopes, AuthenticationException refusal) {
        requireNonNull(refusal, "refusal");
        if (refusal.reason() == AuthenticationException.Reason.MISSING_TOKEN) {
            return unauthorized(resourceMetadata, scopes);
        }
        StringBuilder header = new StringBuilder(unauthorized(resourceMetadata, scopes));
        param(header, "error", refusal.reason().oauthError());
        param(header, "error_description", description(refusal.getMessage()));
        return header.toString();
    }

    /**
     * 403 for a valid token that lacks scopes: {@code Bearer error="insufficient_scope", scope="…",
     * resource_metadata="…"}. {@code scopes} should be what this request needs (MCP recommends adding
     * the relevant scopes already granted).
     */
    public static String insufficientScope(URI resourceMetadata, Collection<String> scopes) {
        requireNonNull(scopes, "scopes");
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("scopes is empty (expected: the scopes this request needs)");
        }
        StringBuilder header = new StringBuilder("Bearer ");
        param(header, "error", "insufficient_scope");
        scope(header, scopes);
        param(
                header,
                "resource_metadata",
                requireNonNull(resourceMetadata, "resourceMetadata").toString());
        return header.toString();
    }

    private static void scope(StringBuilder header, Collection<String> scopes) {
        requireNonNull(scopes, "scopes");
        Set<String> unique = new LinkedHashSet<>();
        for (String scope : scopes) {
            if (scope == null || scope.isEmpty() || !scope.chars().allMatch(BearerChallenge::isScopeChar)) {
                throw new IllegalArgumentException("scope '" + scope
                        + "' is not a valid RFC 6749 scope token (printable ASCII except space, \" and \\)");
            }
            unique.add(scope);
        }
        if (!unique.isEmpty()) {
            param(header, "scope", String.join(" ", unique));
        }
    }

    private static void param(StringBuilder header, String name, String value) {
        if (header.length() > "Bearer ".length()) {
            header.append(", ");
        }
        header.append(name).append("=\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                header.append('\\');
            }
            header.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        header.append('"');
    }

    /** RFC 6750 error_description: %x20-21 / %x23-5B / %x5D-7E. */
    private static String description(String message) {
        StringBuilder out = new StringBuilder(message.length());
        for (int i = 0; i < message.length() && out.length() < 200; i++) {
            char c = message.charAt(i);
            out.append(c >= 0x20 && c <= 0x7e && c != '"' && c != '\\' ? c : '?');
        }
        return out.toString();
    }

    /** RFC 6749 scope-token: %x21 / %x23-5B / %x5D-7E. */
    private static boolean isScopeChar(int c) {
        return c == 0x21 || (c >= 0x23 && c <= 0x5b) || (c >= 0x5d && c <= 0x7e);
    }
}
