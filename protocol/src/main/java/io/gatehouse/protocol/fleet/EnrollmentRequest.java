package io.gatehouse.protocol.fleet;

/**
 * {@code POST /api/v1/data-planes:enroll} (no bearer token: the enrollment token is the credential).
 *
 * @param token the enrollment token shown once when an admin created it
 * @param name a human-readable agent name (host name by default), 1–128 printable characters
 * @param proof {@code PossessionProof.create(identity, token, ENROLLMENT_AUDIENCE, now)}: proves the agent holds
 *     the private key whose public JWK rides in the proof's header; that key becomes the agent's identity
 * @param agentVersion the agent's software version, for the fleet view
 */
public record EnrollmentRequest(String token, String name, String proof, String agentVersion) {

    /** Audience of the enrollment possession proof. */
    public static final String ENROLLMENT_AUDIENCE = "gatehouse-enrollment";

    @Override
    public String toString() {
        return "EnrollmentRequest[name=" + name + ", agentVersion=" + agentVersion + "]";
    }
}
