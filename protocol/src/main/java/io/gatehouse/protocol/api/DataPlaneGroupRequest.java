package io.gatehouse.protocol.api;

/**
 * {@code POST|PUT /api/v1/data-plane-groups}; {@code publicBaseUrl} (optional) is where the group's data planes are
 * reachable, e.g. {@code https://mcp.example.com} (https, or http on loopback; no path query or fragment).
 */
public record DataPlaneGroupRequest(String name, String description, String publicBaseUrl) {

    public DataPlaneGroupRequest(String name, String description) {
        this(name, description, null);
    }
}
