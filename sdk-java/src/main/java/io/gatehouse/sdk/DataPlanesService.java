package io.gatehouse.sdk;

import com.fasterxml.jackson.core.type.TypeReference;
import io.gatehouse.protocol.api.DataPlane;
import io.gatehouse.protocol.api.Page;
import io.gatehouse.protocol.fleet.EnrollmentRequest;
import io.gatehouse.protocol.fleet.EnrollmentResponse;
import java.util.Objects;

/**
 * {@code /api/v1/data-planes}: enrolled agents (last heartbeat, applied vs desired bundle version, drift, last
 * reject); {@code revoke} cuts one off. {@link #enroll} is what an agent calls (no bearer token needed).
 */
public final class DataPlanesService {
    private static final TypeReference<EnrollmentResponse> ENROLLED = new TypeReference<>() {};

    private final HttpTransport transport;
    private final ResourceService<Void, DataPlane> agents;

    DataPlanesService(HttpTransport transport) {
        this.transport = transport;
        this.agents = new ResourceService<>(transport, "/api/v1/data-planes", DataPlane.class);
    }

    /** Filter {@code groupId}. */
    public Page<DataPlane> list(ListParams params) {
        return agents.list(params);
    }

    public Iterable<DataPlane> listAll(ListParams params) {
        return agents.listAll(params);
    }

    public DataPlane get(String id) {
        return agents.get(id);
    }

    /** Revokes the agent: its status reports are ignored from now on (the record stays). */
    public void revoke(String id) {
        agents.delete(id);
    }

    /** Exchanges an enrollment token and a proof of possession for the agent's identity, trust set and Pulsar access. */
    public EnrollmentResponse enroll(EnrollmentRequest request) {
        Objects.requireNonNull(request, "request");
        return transport
                .send("POST", "/api/v1/data-planes:enroll", null, request, RequestOptions.NONE, ENROLLED, false)
                .body();
    }
}
