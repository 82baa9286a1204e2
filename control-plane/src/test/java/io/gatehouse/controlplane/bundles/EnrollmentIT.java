package io.gatehouse.controlplane.bundles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.controlplane.PostgresFixture;
import io.gatehouse.protocol.api.DataPlane;
import io.gatehouse.protocol.api.EnrollmentToken;
import io.gatehouse.protocol.fleet.EnrollmentRequest;
import io.gatehouse.protocol.fleet.EnrollmentResponse;
import io.gatehouse.protocol.fleet.PulsarTopics;
import io.gatehouse.protocol.signing.AgentIdentity;
import io.gatehouse.protocol.signing.PossessionProof;
import io.gatehouse.protocol.signing.TrustSet;
import io.gatehouse.protocol.signing.TrustSetUpdate;
import io.gatehouse.sdk.GatehouseException;
import io.gatehouse.sdk.ListParams;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/data-planes:enroll}: the happy path and every refusal, each of which changes nothing. */
class EnrollmentIT {
    private final PulsarControlPlane cp = PulsarControlPlane.get();

    @Test
    void anAgentEnrollsAndGetsItsIdentityTrustSetAndPulsarAccess() throws Exception {
        PulsarControlPlane.Tenant tenant = cp.newTenant("enroll");
        AgentIdentity identity = AgentIdentity.generate();
        EnrollmentToken token = tenant.enrollmentToken(1);

        EnrollmentResponse response = cp.anonymous(1).dataPlanes().enroll(request(token.token(), identity));

        assertThat(response.tenantId()).isEqualTo(tenant.tenantId());
        assertThat(response.groupId()).isEqualTo(tenant.groupId());
        TrustSet pinned = TrustSetUpdate.verifyPinned(response.trustSet(), tenant.tenantId(), Instant.now());
        assertThat(pinned.version()).isEqualTo(response.trustSetChain().chain().size());
        assertThat(TrustSetUpdate.verifyChain(
                                TrustSetUpdate.verifyPinned(
                                        response.trustSetChain().chain().get(0), tenant.tenantId(), Instant.now()),
                                response.trustSetChain()
                                        .chain()
                                        .subList(
                                                1,
                                                response.trustSetChain().chain().size()),
                                Instant.now())
                        .version())
                .isEqualTo(pinned.version());
        assertThat(response.pulsar().serviceUrl()).isEqualTo(cp.pulsar().brokerServiceUrl());
        assertThat(response.pulsar().authToken()).isNotBlank();
        assertThat(response.toString()).doesNotContain(response.pulsar().authToken());

        DataPlane agent = tenant.owner().dataPlanes().get(response.agentId());
        assertThat(agent.keyId()).isEqualTo(identity.keyId());
        assertThat(agent.groupId()).isEqualTo(tenant.groupId());
        assertThat(agent.agentVersion()).isEqualTo("1.2.3");
        assertThat(agent.state().toString()).isEqualTo("pending");
        assertThat(tenant.owner().enrollmentTokens().get(token.id()).uses()).isEqualTo(1);
        assertThat(tenant.owner()
                        .activity()
                        .list(ListParams.create().filter("resourceType", "data-plane"))
                        .items())
                .singleElement()
                .satisfies(a -> assertThat(a.action()).isEqualTo("enroll"));
        assertThat(new PulsarTopics(tenant.tenantId()).agentRole()).isEqualTo("t-" + tenant.tenantId() + "-agent");
    }

    @Test
    void aBadProofIsRefusedAndTheTokenIsNotConsumed() {
        PulsarControlPlane.Tenant tenant = cp.newTenant("proof");
        AgentIdentity identity = AgentIdentity.generate();
        EnrollmentToken token = tenant.enrollmentToken(1);
        String otherNonce = PossessionProof.create(
                identity, "ghe_" + "x".repeat(43), EnrollmentRequest.ENROLLMENT_AUDIENCE, Instant.now());
        String otherAudience = PossessionProof.create(identity, token.token(), "https://elsewhere", Instant.now());
        String stale = PossessionProof.create(
                identity,
                token.token(),
                EnrollmentRequest.ENROLLMENT_AUDIENCE,
                Instant.now().minusSeconds(3600));

        for (String proof : new String[] {otherNonce, otherAudience, stale, "not.a.jws"}) {
            assertRefused(
                    () -> cp.anonymous(0)
                            .dataPlanes()
                            .enroll(new EnrollmentRequest(token.token(), "agent", proof, "1.2.3")),
                    400,
                    "INVALID_PROOF");
        }
        assertThat(tenant.owner().enrollmentTokens().get(token.id()).uses()).isZero();
        assertThat(tenant.owner().dataPlanes().list(ListParams.create()).items())
                .isEmpty();
    }

    @Test
    void expiredRevokedUsedUpUnknownAndReusedKeysAreRefused() throws Exception {
        PulsarControlPlane.Tenant tenant = cp.newTenant("refuse");

        EnrollmentToken expired = tenant.enrollmentToken(5);
        expire(expired.id());
        assertRefused(
                () -> cp.anonymous(0).dataPlanes().enroll(request(expired.token(), AgentIdentity.generate())),
                401,
                "ENROLLMENT_TOKEN_EXPIRED");

        EnrollmentToken revoked = tenant.enrollmentToken(5);
        tenant.owner().enrollmentTokens().delete(revoked.id());
        assertRefused(
                () -> cp.anonymous(0).dataPlanes().enroll(request(revoked.token(), AgentIdentity.generate())),
                401,
                "ENROLLMENT_TOKEN_REVOKED");

        EnrollmentToken once = tenant.enrollmentToken(1);
        cp.anonymous(0).dataPlanes().enroll(request(once.token(), AgentIdentity.generate()));
        assertRefused(
                () -> cp.anonymous(0).dataPlanes().enroll(request(once.token(), AgentIdentity.generate())),
                401,
                "ENROLLMENT_TOKEN_USED_UP");

        assertRefused(
                () -> cp.anonymous(0).dataPlanes().enroll(request("ghe_" + "A".repeat(43), AgentIdentity.generate())),
                401,
                "ENROLLMENT_TOKEN_INVALID");

        AgentIdentity reused = AgentIdentity.generate();
        EnrollmentToken twice = tenant.enrollmentToken(2);
        cp.anonymous(0).dataPlanes().enroll(request(twice.token(), reused));
        assertRefused(
                () -> cp.anonymous(0).dataPlanes().enroll(request(twice.token(), reused)),
                409,
                "AGENT_ALREADY_ENROLLED");

        assertThat(tenant.owner().enrollmentTokens().get(expired.id()).uses()).isZero();
        assertThat(tenant.owner().enrollmentTokens().get(revoked.id()).uses()).isZero();
        assertThat(tenant.owner().enrollmentTokens().get(twice.id()).uses()).isEqualTo(1);
        assertThat(tenant.owner().dataPlanes().list(ListParams.create()).items())
                .hasSize(2);
    }

    static EnrollmentRequest request(String token, AgentIdentity identity) {
        return new EnrollmentRequest(
                token,
                "agent-" + identity.keyId().substring(0, 6),
                PossessionProof.create(identity, token, EnrollmentRequest.ENROLLMENT_AUDIENCE, Instant.now()),
                "1.2.3");
    }

    static void assertRefused(Runnable call, int status, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(GatehouseException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.code()).isEqualTo(code);
        });
    }

    /** Backdates a token's expiry as the schema owner (no API makes a token expire early). */
    private static void expire(String tokenId) throws Exception {
        try (Connection c = PostgresFixture.get().connect("gatehouse_owner", "owner");
                PreparedStatement s = c.prepareStatement(
                        "update enrollment_tokens set expires_at = now() - interval '1 minute'" + " where id = ?")) {
            s.setObject(1, UUID.fromString(tokenId));
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }
}
