package io.gatehouse.controlplane.api.resources;

import io.gatehouse.controlplane.api.Endpoints;
import io.gatehouse.controlplane.auth.Permission;
import io.gatehouse.controlplane.auth.Requires;
import io.gatehouse.controlplane.domain.policy.PolicySimulator;
import io.gatehouse.controlplane.persistence.Db;
import io.gatehouse.protocol.api.PolicySimulation;
import io.gatehouse.protocol.api.PolicySimulationRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** {@code POST /api/v1/policies:simulate}: "would this call pass, and why", decided by the agents' engine. */
@Path("/api/v1/policies:simulate")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class PolicySimulationResource {
    private final Db db;
    private final PolicySimulator simulator;

    public PolicySimulationResource(Db db, PolicySimulator simulator) {
        this.db = db;
        this.simulator = simulator;
    }

    /** Decides the described call; stores nothing, so it needs only read access. */
    @POST
    @Requires(Permission.CONFIG_READ)
    public PolicySimulation simulate(@Context SecurityContext security, PolicySimulationRequest request) {
        return db.inTenant(Endpoints.caller(security).tenantId(), session -> simulator.simulate(session, request));
    }
}
