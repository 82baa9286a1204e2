package io.gatehouse.protocol.bundle;

import static io.gatehouse.protocol.bundle.Checks.ID;
import static io.gatehouse.protocol.bundle.Checks.SCOPE;
import static io.gatehouse.protocol.bundle.Checks.canonicalResource;
import static io.gatehouse.protocol.bundle.Checks.httpUri;
import static io.gatehouse.protocol.bundle.Checks.list;
import static io.gatehouse.protocol.bundle.Checks.matching;
import static io.gatehouse.protocol.bundle.Checks.optionalText;
import static io.gatehouse.protocol.bundle.Checks.required;
import static io.gatehouse.protocol.bundle.Checks.stringList;
import static io.gatehouse.protocol.bundle.Checks.unique;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One registered MCP server, exposed by the data plane as a route at {@code /mcp/{slug}}.
 *
 * @param id stable id (tool bindings and kill switches refer to it)
 * @param name display name
 * @param slug the path segment of the route
 * @param upstreamUrl the MCP endpoint of the real server
 * @param transport how the data plane talks to the upstream
 * @param resourceUri the route's canonical resource URI (RFC 8707): what tokens must carry as
 *     {@code aud} and what the Protected Resource Metadata names as {@code resource}
 * @param allowedOrigins browser Origins allowed to call the route ({@code scheme://host[:port]})
 * @param allowedHosts Host header values accepted besides the resource URI's own authority
 * @param requiredScopes scopes every call to this route needs (also the 401 challenge's scope)
 * @param unboundTools whether a tool that no tool binding matches may be called
 * @param upstreamAuth how the data plane authenticates to the upstream (references only)
 * @param status whether the route serves traffic
 * @param toolPins the admin-approved tools (name and fingerprint); omitted from the wire when empty
 * @param approval the registry's approval of the server; absent only in bundles that predate tool approval
 *     ("unmanaged": routable, tools not pinned). Present: only {@code approved} is routable, and every tool
 *     must match a pin (a tool without one is hidden and refused, also on first sight)
 */
public record McpServer(
        String id,
        String name,
        String slug,
        URI upstreamUrl,
        Transport transport,
        URI resourceUri,
        List<String> allowedOrigins,
        List<String> allowedHosts,
        List<String> requiredScopes,
        UnboundTools unboundTools,
        UpstreamAuth upstreamAuth,
        Status status,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ToolPin> toolPins,
        Approval approval) {

    static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.\\-\\[\\]:]+(:[0-9]{1,5})?");
    static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-\\[\\]:]+(:[0-9]{1,5})?");

    public enum Transport {
        @JsonProperty("streamable-http")
        STREAMABLE_HTTP
    }

    public enum UnboundTools {
        /** A tool without a binding needs only the route's required scopes. */
        @JsonProperty("allow")
        ALLOW,
        /** A tool without a binding cannot be called and is hidden from {@code tools/list}. */
        @JsonProperty("deny")
        DENY
    }

    public enum Status {
        @JsonProperty("active")
        ACTIVE,
        /** Registered but not served: the route answers 503. */
        @JsonProperty("disabled")
        DISABLED
    }

    /** The registry's approval of a server (DESIGN §3 step 10, issue #7). */
    public enum Approval {
        /** Routable; its tools are checked against {@code toolPins}. */
        @JsonProperty("approved")
        APPROVED,
        /** Registered, not yet reviewed: every request is refused ({@code SERVER_NOT_APPROVED}). */
        @JsonProperty("pending")
        PENDING,
        /** Refused by an admin: every request is refused ({@code SERVER_BLOCKED}). */
        @JsonProperty("blocked")
        BLOCKED
    }

    /** A server without tool pins and approval (an unmanaged entry, as bundles were before tool approval). */
    public McpServer(
            String id,
            String name,
            String slug,
            URI upstreamUrl,
            Transport transport,
            URI resourceUri,
            List<String> allowedOrigins,
            List<String> allowedHosts,
            List<String> requiredScopes,
            UnboundTools unboundTools,
            UpstreamAuth upstreamAuth,
            Status status) {
        this(
                id,
                name,
                slug,
                upstreamUrl,
                transport,
                resourceUri,
                allowedOrigins,
                allowedHosts,
                requiredScopes,
                unboundTools,
                upstreamAuth,
                status,
                List.of(),
                null);
    }

    /** This server with approval and pins as the control plane's registry says. */
    public McpServer withApproval(Approval approval, List<ToolPin> toolPins) {
        return new McpServer(
                id,
                name,
                slug,
                upstreamUrl,
                transport,
                resourceUri,
                allowedOrigins,
                allowedHosts,
                requiredScopes,
                unboundTools,
                upstreamAuth,
                status,
                toolPins,
                approval);
    }

    /** Whether the registry manages this server's approval and tool pins. */
    public boolean managed() {
        return approval != null;
    }

    public McpServer {
        matching(id, ID, "id");
        optionalText(name, "name");
        matching(slug, SLUG, "slug");
        httpUri(upstreamUrl, "upstreamUrl");
        required(transport, "transport");
        canonicalResource(resourceUri, "resourceUri");
        allowedOrigins = stringList(allowedOrigins, ORIGIN, "allowedOrigins");
        allowedHosts = stringList(allowedHosts, HOST, "allowedHosts");
        requiredScopes = stringList(requiredScopes, SCOPE, "requiredScopes");
        required(unboundTools, "unboundTools");
        required(upstreamAuth, "upstreamAuth");
        required(status, "status");
        toolPins = unique(list(toolPins, "toolPins"), ToolPin::name, "toolPins");
    }
}
