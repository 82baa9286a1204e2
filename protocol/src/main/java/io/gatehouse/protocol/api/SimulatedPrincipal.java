package io.gatehouse.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The caller of a simulated call, as the agent would see it after validating the token.
 *
 * @param subject {@code sub}
 * @param issuer the token issuer
 * @param clientId {@code client_id}/{@code azp}
 * @param groups groups after the issuer's claim mapping
 * @param scopes granted scopes
 * @param claims any other claims rules or CEL conditions read (a JSON object)
 */
public record SimulatedPrincipal(
        String subject, String issuer, String clientId, List<String> groups, List<String> scopes, JsonNode claims) {}
