package io.gatehouse.devstack.mcp;

import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import java.util.List;
import java.util.Objects;

/**
 * DNS-rebinding protection for our MCP peers: which {@code Host} and {@code Origin} headers a server
 * accepts. Entries are exact values or {@code name:*} for any port (e.g. {@code localhost:*},
 * {@code http://localhost:*}).
 *
 * <p>A request whose {@code Host} is not listed gets 421, one whose {@code Origin} is present and not
 * listed gets 403 (the MCP Java SDK's {@link DefaultServerTransportSecurityValidator}). An empty host list
 * turns the Host check off; a request without {@code Origin} is never refused for its Origin.
 *
 * @param allowedHosts accepted {@code Host} values; empty = any Host
 * @param allowedOrigins accepted {@code Origin} values
 */
public record HostValidation(List<String> allowedHosts, List<String> allowedOrigins) {

    /** Loopback only: localhost, 127.0.0.1 and [::1], any port, for Host and Origin. */
    public static final HostValidation LOOPBACK = new HostValidation(
            List.of("localhost:*", "127.0.0.1:*", "[::1]:*"),
            List.of("http://localhost:*", "http://127.0.0.1:*", "http://[::1]:*"));

    public HostValidation {
        allowedHosts = List.copyOf(Objects.requireNonNull(allowedHosts, "allowedHosts"));
        allowedOrigins = List.copyOf(Objects.requireNonNull(allowedOrigins, "allowedOrigins"));
        for (String host : allowedHosts) {
            if (host.isBlank() || host.contains("/")) {
                throw new IllegalArgumentException("allowedHosts: '" + host + "' (expected host[:port] or host:*)");
            }
        }
        for (String origin : allowedOrigins) {
            if (!origin.startsWith("http://") && !origin.startsWith("https://")) {
                throw new IllegalArgumentException("allowedOrigins: '" + origin + "' (expected http(s)://host[:port])");
            }
        }
    }

    /** The loopback defaults plus extra Host values (e.g. the name a gateway uses for this upstream). */
    public HostValidation withExtraHosts(List<String> extraHosts) {
        List<String> hosts = new java.util.ArrayList<>(allowedHosts);
        hosts.addAll(extraHosts);
        return new HostValidation(hosts, allowedOrigins);
    }

    DefaultServerTransportSecurityValidator toValidator() {
        return DefaultServerTransportSecurityValidator.builder()
                .allowedHosts(allowedHosts)
                .allowedOrigins(allowedOrigins)
                .build();
    }
}
