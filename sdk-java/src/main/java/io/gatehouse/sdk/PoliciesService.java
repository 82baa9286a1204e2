package io.gatehouse.sdk;

import com.fasterxml.jackson.core.type.TypeReference;
import io.gatehouse.protocol.api.Policy;
import io.gatehouse.protocol.api.PolicyRequest;
import io.gatehouse.protocol.api.PolicySimulation;
import io.gatehouse.protocol.api.PolicySimulationRequest;
import java.util.Objects;

/** {@code /api/v1/policies}: contextual policies, plus {@link #simulate} ("would this call pass, and why"). */
public final class PoliciesService extends CrudService<PolicyRequest, Policy> {

    private static final TypeReference<PolicySimulation> SIMULATION = new TypeReference<>() {};

    PoliciesService(HttpTransport transport) {
        super(transport, "/api/v1/policies", Policy.class);
    }

    /**
     * Decides {@code call} with the tenant's current policies, using the same engine the agents
     * enforce with. Changes nothing, so it is retried like a read.
     */
    public PolicySimulation simulate(PolicySimulationRequest call) {
        return simulate(call, RequestOptions.NONE);
    }

    public PolicySimulation simulate(PolicySimulationRequest call, RequestOptions options) {
        Objects.requireNonNull(call, "call");
        return transport
                .send("POST", "/api/v1/policies:simulate", null, call, options, SIMULATION, true)
                .body();
    }
}
