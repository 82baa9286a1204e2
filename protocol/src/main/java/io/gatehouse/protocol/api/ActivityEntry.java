package io.gatehouse.protocol.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One admin change: who, what and when, with the resource before and after ({@code null} for a create's before and a delete's after). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActivityEntry(
        String id,
        Instant at,
        String actorUserId,
        String actorTokenId,
        String action,
        String resourceType,
        String resourceId,
        JsonNode before,
        JsonNode after,
        String requestId) {}
