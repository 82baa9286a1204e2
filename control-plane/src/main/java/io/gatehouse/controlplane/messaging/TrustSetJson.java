package io.gatehouse.controlplane.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.protocol.fleet.TrustSetChain;

/** The JSON value of a trust-set message ({@code {"chain":[jws, …]}}). */
final class TrustSetJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TrustSetJson() {}

    static String write(TrustSetChain chain) {
        try {
            return MAPPER.writeValueAsString(chain);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a trust-set chain", e);
        }
    }
}
