package io.gatehouse.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/policies:simulate}: a call to decide the way an agent would, with the tenant's
 * current policies.
 *
 * @param principal who calls; null for an anonymous caller
 * @param serverId the registered server the call goes to (required)
 * @param method the JSON-RPC method; null means {@code tools/call}
 * @param tool the tool of a {@code tools/call}
 * @param arguments the tool arguments (a JSON object)
 * @param resourceUri the resource of {@code resources/read|subscribe}
 * @param sourceIp the client's address as the agent sees it; null means {@code 127.0.0.1}
 * @param headers request headers (name → values)
 * @param time when the call happens; null means now
 */
public record PolicySimulationRequest(
        SimulatedPrincipal principal,
        String serverId,
        String method,
        String tool,
        JsonNode arguments,
        String resourceUri,
        String sourceIp,
        Map<String, List<String>> headers,
        Instant time) {}
