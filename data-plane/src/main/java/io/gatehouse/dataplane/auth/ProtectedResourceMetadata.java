package io.gatehouse.dataplane.auth;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The RFC 9728 Protected Resource Metadata document of one route. {@code resource} is the route's
 * canonical public URI on the gateway (what clients connect to and put in RFC 8707 {@code resource}),
 * never the upstream URL.
 *
 * <p>The document is served at both well-known forms MCP clients try: the path-inserted {@link
 * #wellKnownUri} ({@code https://gw/.well-known/oauth-protected-resource/mcp/files} for {@code
 * https://gw/mcp/files}) and the host root {@link #rootWellKnownUri}.
 *
 * @param resource the route's canonical resource URI (see {@link #canonicalResource})
 * @param authorizationServers issuer URLs of the authorization servers clients may use (at least one)
 * @param scopesSupported the scopes of this route (the minimal useful set; may be empty)
 * @param resourceName human-readable name, or null
 * @param resourceDocumentation a documentation URL, or null
 */
public record ProtectedResourceMetadata(
        URI resource,
        List<String> authorizationServers,
        List<String> scopesSupported,
        String resourceName,
        URI resourceDocumentation) {

    static final String WELL_KNOWN = "/.well-known/oauth-protected-resource";
    private static final ObjectMapper JSON = new ObjectMapper();

    public ProtectedResourceMetadata {
        requireNonNull(resource, "resource");
        if (!resource.equals(canonicalResource(resource))) {
            throw new IllegalArgumentException(
                    "resource: " + resource + " (expected: canonical form " + canonicalResource(resource) + ")");
        }
        authorizationServers =
                List.copyOf(new LinkedHashSet<>(requireNonNull(authorizationServers, "authorizationServers")));
        if (authorizationServers.isEmpty()) {
            throw new IllegalArgumentException("authorizationServers is empty (expected: at least one issuer URL)");
        }
        scopesSupported = List.copyOf(new LinkedHashSet<>(requireNonNull(scopesSupported, "scopesSupported")));
    }

    /** The JSON document (members in a stable order; optional members only when set). */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("resource", resource.toString());
        json.put("authorization_servers", authorizationServers);
        if (!scopesSupported.isEmpty()) {
            json.put("scopes_supported", scopesSupported);
        }
        json.put("bearer_methods_supported", List.of("header"));
        if (resourceName != null) {
            json.put("resource_name", resourceName);
        }
        if (resourceDocumentation != null) {
            json.put("resource_documentation", resourceDocumentation.toString());
        }
        return json;
    }

    /** {@link #toJson()} serialized, for a {@code 200 application/json} response. */
    public String toJsonString() {
        try {
            return JSON.writeValueAsString(toJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize metadata of " + resource, e);
        }
    }

    /** This route's path-inserted metadata URL: what {@code resource_metadata} in challenges names. */
    public URI wellKnownUri() {
        return wellKnownUri(resource);
    }

    /**
     * The path-inserted well-known URI of {@code resource} (RFC 9728 §3.1): {@code
     * scheme://authority/.well-known/oauth-protected-resource{path}}.
     */
    public static URI wellKnownUri(URI resource) {
        URI canonical = canonicalResource(resource);
        String path =
                canonical.getRawPath() == null || "/".equals(canonical.getRawPath()) ? "" : canonical.getRawPath();
        String query = canonical.getRawQuery() == null ? "" : "?" + canonical.getRawQuery();
        return URI.create(canonical.getScheme() + "://" + canonical.getRawAuthority() + WELL_KNOWN + path + query);
    }

    /** The root well-known URI of {@code resource}'s host: {@code scheme://authority/.well-known/oauth-protected-resource}. */
    public static URI rootWellKnownUri(URI resource) {
        URI canonical = canonicalResource(resource);
        return URI.create(canonical.getScheme() + "://" + canonical.getRawAuthority() + WELL_KNOWN);
    }

    /**
     * The path of a well-known request for a resource path, e.g. {@code /mcp/files} →
     * {@code /.well-known/oauth-protected-resource/mcp/files}; for routing the proxy's listener.
     */
    public static String wellKnownPath(String resourcePath) {
        requireNonNull(resourcePath, "resourcePath");
        if (!resourcePath.isEmpty() && !resourcePath.startsWith("/")) {
            throw new IllegalArgumentException(
                    "resourcePath: " + resourcePath + " (expected: empty or starting with /)");
        }
        return "/".equals(resourcePath) ? WELL_KNOWN : WELL_KNOWN + resourcePath;
    }

    /**
     * The canonical form of a resource URI (MCP / RFC 8707): absolute http(s), lowercase scheme and
     * host, default port dropped, no fragment, no userinfo, no trailing slash except for the root.
     */
    public static URI canonicalResource(URI uri) {
        requireNonNull(uri, "uri");
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!("https".equals(scheme) || "http".equals(scheme)) || uri.getHost() == null) {
            throw new IllegalArgumentException("resource: " + uri + " (expected: an absolute http(s) URI)");
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("resource: " + uri + " (expected: no user info and no fragment)");
        }
        int port = uri.getPort();
        boolean defaultPort =
                port == -1 || ("https".equals(scheme) && port == 443) || ("http".equals(scheme) && port == 80);
        String authority = uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return URI.create(scheme + "://" + authority + path + query);
    }

    /** Convenience: metadata with issuer URLs taken from issuer settings, in order. */
    public static ProtectedResourceMetadata of(URI resource, List<IssuerSettings> issuers, List<String> scopes) {
        List<String> servers = new ArrayList<>();
        issuers.forEach(i -> servers.add(i.issuer()));
        return new ProtectedResourceMetadata(canonicalResource(resource), servers, scopes, null, null);
    }
}
