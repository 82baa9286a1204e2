package io.gatehouse.engine.match;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.net.InetAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Everything a policy matcher may read about one MCP request, flattened and immutable. The pipeline
 * builds it once per request from its own types; matchers never parse anything from it.
 *
 * @param subject the principal's subject; empty for an anonymous request
 * @param issuer the issuer that vouched for the principal; empty when anonymous
 * @param clientId the OAuth client id ({@code client_id}/{@code azp}); empty when unknown
 * @param groups the principal's groups
 * @param scopes the granted scopes
 * @param claims every claim of the access token (values: String, Number, Boolean, List, Map,
 *     Instant/Date); never logged
 * @param serverId the registered MCP server the request is routed to
 * @param method the JSON-RPC method, e.g. {@code tools/call}
 * @param toolName the tool of a {@code tools/call} (or prompt name of {@code prompts/get}); empty
 *     otherwise
 * @param resourceUri the URI of {@code resources/read}/{@code subscribe}; empty otherwise
 * @param arguments the tool arguments object; an empty object when there are none
 * @param sourceAddress the client's address as seen by the listener (after trusted-proxy handling)
 * @param headers request headers, names lower-cased, values in arrival order
 * @param time the instant the request arrived
 */
public record RequestContext(
        String subject,
        String issuer,
        String clientId,
        Set<String> groups,
        Set<String> scopes,
        Map<String, Object> claims,
        String serverId,
        String method,
        String toolName,
        String resourceUri,
        JsonNode arguments,
        InetAddress sourceAddress,
        Map<String, List<String>> headers,
        Instant time) {

    public RequestContext {
        subject = subject == null ? "" : subject;
        issuer = issuer == null ? "" : issuer;
        clientId = clientId == null ? "" : clientId;
        groups = Set.copyOf(requireNonNull(groups, "groups"));
        scopes = Set.copyOf(requireNonNull(scopes, "scopes"));
        claims = unmodifiableCopy(requireNonNull(claims, "claims"));
        serverId = requireNonNull(serverId, "serverId");
        method = requireNonNull(method, "method");
        toolName = toolName == null ? "" : toolName;
        resourceUri = resourceUri == null ? "" : resourceUri;
        arguments = arguments == null ? JsonNodeFactory.instance.objectNode() : arguments.deepCopy();
        requireNonNull(sourceAddress, "sourceAddress");
        headers = lowerCaseCopy(requireNonNull(headers, "headers"));
        requireNonNull(time, "time");
    }

    /** A builder for the parts that are always known; everything else defaults to empty. */
    public static Builder builder(String serverId, String method, InetAddress sourceAddress, Instant time) {
        return new Builder(serverId, method, sourceAddress, time);
    }

    /** Builds a {@link RequestContext}; not thread-safe, use once per request. */
    public static final class Builder {
        private final String serverId;
        private final String method;
        private final InetAddress sourceAddress;
        private final Instant time;
        private String subject = "";
        private String issuer = "";
        private String clientId = "";
        private Set<String> groups = Set.of();
        private Set<String> scopes = Set.of();
        private Map<String, Object> claims = Map.of();
        private String toolName = "";
        private String resourceUri = "";
        private JsonNode arguments;
        private Map<String, List<String>> headers = Map.of();

        private Builder(String serverId, String method, InetAddress sourceAddress, Instant time) {
            this.serverId = requireNonNull(serverId, "serverId");
            this.method = requireNonNull(method, "method");
            this.sourceAddress = requireNonNull(sourceAddress, "sourceAddress");
            this.time = requireNonNull(time, "time");
        }

        /** The authenticated caller; leave unset for anonymous requests. */
        public Builder principal(
                String subject,
                String issuer,
                String clientId,
                Set<String> groups,
                Set<String> scopes,
                Map<String, Object> claims) {
            this.subject = subject;
            this.issuer = issuer;
            this.clientId = clientId;
            this.groups = requireNonNull(groups, "groups");
            this.scopes = requireNonNull(scopes, "scopes");
            this.claims = requireNonNull(claims, "claims");
            return this;
        }

        public Builder toolName(String value) {
            this.toolName = value;
            return this;
        }

        public Builder resourceUri(String value) {
            this.resourceUri = value;
            return this;
        }

        public Builder arguments(JsonNode value) {
            this.arguments = value;
            return this;
        }

        public Builder headers(Map<String, List<String>> value) {
            this.headers = requireNonNull(value, "headers");
            return this;
        }

        public RequestContext build() {
            return new RequestContext(
                    subject,
                    issuer,
                    clientId,
                    groups,
                    scopes,
                    claims,
                    serverId,
                    method,
                    toolName,
                    resourceUri,
                    arguments,
                    sourceAddress,
                    headers,
                    time);
        }
    }

    /** All values of header {@code name} (case-insensitive), or an empty list. */
    public List<String> header(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    private static Map<String, Object> unmodifiableCopy(Map<String, Object> claims) {
        // Map.copyOf rejects null values, which a JSON claim may legitimately have: keep them out.
        Map<String, Object> copy = new LinkedHashMap<>();
        claims.forEach((k, v) -> {
            if (k != null && v != null) {
                copy.put(k, v);
            }
        });
        return Map.copyOf(copy);
    }

    private static Map<String, List<String>> lowerCaseCopy(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            requireNonNull(name, "header name");
            List<String> list = copy.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new java.util.ArrayList<>());
            for (String v : requireNonNull(values, "header values of " + name)) {
                list.add(requireNonNull(v, "header value of " + name));
            }
        });
        Map<String, List<String>> frozen = new LinkedHashMap<>();
        copy.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return Map.copyOf(frozen);
    }
}
