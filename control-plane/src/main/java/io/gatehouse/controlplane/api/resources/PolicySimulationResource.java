package io.gatehouse.controlplane.api.resources;

import io.gatehouse.controlplane.api.Endpoints;
import io.gatehouse.controlplane.auth.Permission;
import io.gatehouse.controlplane.auth.Requires;
import io.gatehouse.controlplane.domain.policy.PolicySimulator;
import io.gatehouse.protocol.api.PolicySimulationRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/** {@code POST /api/v1/policies:simulate}: "would this call pass, and why", decided by the agents' engine. */
@Path("/api/v1/policies:simulate")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class PolicySimulationResource {
    private final Endpoints endpoints;
    private final PolicySimulator simulator;

    public PolicySimulationResource(Endpoints endpoints, PolicySimulator simulator) {
        this.endpoints = endpoints;
        this.simulator = simulator;
    }

    @POST
    @Requires(Permission.CONFIG_READ)
    public Response simulate(@Context SecurityContext security, PolicySimulationRequest request) {
        return endpoints.read(security, (session, caller) -> simulator.simulate(session, request));
    }
}
