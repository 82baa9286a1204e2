package io.gatehouse.dataplane.fleet;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.Base64;

/**
 * JSON of the fleet contract ({@code io.gatehouse.protocol.fleet}): instants as ISO-8601 strings; unknown members
 * of control-plane answers are ignored so the control plane can add fields without breaking older agents.
 */
final class FleetJson {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private FleetJson() {}

    /**
     * The {@code ver} member of a compact JWS's payload, read without verifying anything: only for choosing which
     * messages to verify or for labelling a report, never for a trust decision. Null when it cannot be read.
     */
    static Long payloadVersion(String compact) {
        JsonNode ver = part(compact, 1, "ver");
        return ver != null && ver.isIntegralNumber() && ver.canConvertToLong() ? ver.longValue() : null;
    }

    /** The {@code kid} of a compact JWS's protected header, read without verifying anything; null if unreadable. */
    static String headerKeyId(String compact) {
        JsonNode kid = part(compact, 0, "kid");
        return kid != null && kid.isTextual() ? kid.asText() : null;
    }

    private static JsonNode part(String compact, int index, String member) {
        try {
            String[] parts = compact.split("\\.", -1);
            if (parts.length != 3) {
                return null;
            }
            JsonNode node = MAPPER.readTree(Base64.getUrlDecoder().decode(parts[index]));
            return node == null ? null : node.get(member);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
