package io.gatehouse.controlplane.api.resources;

import io.gatehouse.controlplane.auth.Public;
import io.gatehouse.controlplane.domain.fleet.EnrollmentService;
import io.gatehouse.protocol.fleet.EnrollmentRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /api/v1/data-planes:enroll}: an agent exchanges an enrollment token and a proof of possession of its
 * key for its identity, the tenant's trust set and its Pulsar credentials. No bearer token: the enrollment token in
 * the body is the credential.
 */
@Path("/api/v1/data-planes:enroll")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class DataPlaneEnrollResource {
    private final EnrollmentService enrollment;

    public DataPlaneEnrollResource(EnrollmentService enrollment) {
        this.enrollment = enrollment;
    }

    @POST
    @Public
    public Response enroll(EnrollmentRequest request) {
        return Response.status(201).entity(enrollment.enroll(request)).build();
    }
}
