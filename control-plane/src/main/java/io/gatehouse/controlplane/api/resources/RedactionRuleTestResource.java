package io.gatehouse.controlplane.api.resources;

import io.gatehouse.controlplane.api.Endpoints;
import io.gatehouse.controlplane.auth.Permission;
import io.gatehouse.controlplane.auth.Requires;
import io.gatehouse.controlplane.domain.policy.RedactionTestService;
import io.gatehouse.protocol.api.RedactionTestRequest;
import io.gatehouse.protocol.api.RedactionTestResult;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** {@code POST /api/v1/redaction-rules:test}: a sample through the data plane's redaction engine; changes nothing. */
@Path("/api/v1/redaction-rules:test")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class RedactionRuleTestResource {
    private final Endpoints endpoints;
    private final RedactionTestService service;

    public RedactionRuleTestResource(Endpoints endpoints, RedactionTestService service) {
        this.endpoints = endpoints;
        this.service = service;
    }

    @POST
    @Requires(Permission.CONFIG_READ)
    public RedactionTestResult test(@Context SecurityContext security, RedactionTestRequest request) {
        return (RedactionTestResult) endpoints
                .read(security, (session, caller) -> service.test(session, request))
                .getEntity();
    }
}
