package io.gatehouse.controlplane.domain.fleet;

import io.gatehouse.controlplane.api.errors.ApiException;
import io.gatehouse.controlplane.api.errors.Validation;
import io.gatehouse.controlplane.api.mapping.ApiMapper;
import io.gatehouse.controlplane.auth.Tokens;
import io.gatehouse.controlplane.bundle.SigningKeys;
import io.gatehouse.controlplane.domain.activity.ActivityLog;
import io.gatehouse.controlplane.messaging.AgentTokens;
import io.gatehouse.controlplane.persistence.Db;
import io.gatehouse.protocol.fleet.EnrollmentRequest;
import io.gatehouse.protocol.fleet.EnrollmentResponse;
import io.gatehouse.protocol.fleet.PulsarTopics;
import io.gatehouse.protocol.fleet.TrustSetChain;
import io.gatehouse.protocol.signing.PossessionProof;
import io.gatehouse.protocol.signing.PossessionProofException;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * {@code POST /api/v1/data-planes:enroll}: the enrollment token is the only credential. In one tenant transaction:
 * lock the token row, refuse it if revoked, expired or used up, verify the agent's proof of possession (nonce = the
 * token), refuse a key that is already enrolled, create the agent, count the use. Any refusal changes nothing.
 * Returns the tenant's trust set and its chain, Pulsar's URL with a freshly minted agent token, and the tenant's
 * redaction hash key ({@link RedactionHashKeys}).
 */
public final class EnrollmentService {
    static final Duration PROOF_MAX_AGE = Duration.ofMinutes(5);
    private static final Pattern NAME = Pattern.compile("[^\\p{Cntrl}]{1,128}");
    private static final Pattern AGENT_VERSION = Pattern.compile("[A-Za-z0-9._+-]{1,64}");

    /** What enrollment needs from the bundle and Pulsar set-up; absent parts answer 503. */
    public record Dependencies(
            SigningKeys keys, AgentTokens agentTokens, String pulsarServiceUrl, Consumer<UUID> provisioner) {}

    private final Db db;
    private final ActivityLog activity;
    private final Dependencies deps;
    private final Duration offlineAfter;
    private final Clock clock;

    public EnrollmentService(Db db, ActivityLog activity, Dependencies deps, Duration offlineAfter, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.activity = Objects.requireNonNull(activity, "activity");
        this.deps = Objects.requireNonNull(deps, "deps");
        this.offlineAfter = offlineAfter;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public EnrollmentResponse enroll(EnrollmentRequest r) {
        if (r == null) {
            throw ApiException.badRequest("MISSING_BODY", "a JSON request body is required");
        }
        Validation v = new Validation();
        v.required("token", r.token());
        if (v.text("name", r.name(), 128)) {
            v.matches("name", r.name(), NAME, "1-128 printable characters");
        }
        v.required("proof", r.proof());
        if (r.agentVersion() != null) {
            v.matches("agentVersion", r.agentVersion(), AGENT_VERSION, "a version like 1.2.3");
        }
        v.throwIfInvalid();
        if (deps.keys() == null) {
            throw new ApiException(
                    503, "BUNDLES_NOT_CONFIGURED", "this control plane has no bundle master key configured");
        }
        if (deps.pulsarServiceUrl() == null) {
            throw new ApiException(503, "PULSAR_NOT_CONFIGURED", "this control plane has no Pulsar configured");
        }
        if (!Tokens.wellFormed(r.token(), Tokens.ENROLLMENT)) {
            throw invalidToken();
        }
        byte[] hash = Tokens.hash(r.token());
        List<Object[]> found = db.system(session -> session.createNativeQuery(
                        "select id, tenant_id from gh_find_enrollment_token(:hash)", Object[].class)
                .setParameter("hash", hash)
                .getResultList());
        if (found.size() != 1) {
            throw invalidToken();
        }
        UUID tokenId = (UUID) found.get(0)[0];
        UUID tenantId = (UUID) found.get(0)[1];
        if (deps.provisioner() != null) {
            try {
                deps.provisioner().accept(tenantId);
            } catch (RuntimeException e) {
                throw new ApiException(
                        503, "PULSAR_UNAVAILABLE", "Pulsar cannot be reached to set up the tenant; retry shortly");
            }
        }
        return db.inTenant(tenantId, session -> {
            EnrollmentTokenEntity token = session.createQuery(
                            "from EnrollmentTokenEntity e where e.id = :id", EnrollmentTokenEntity.class)
                    .setParameter("id", tokenId)
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .getSingleResult();
            Instant now = clock.instant();
            if (token.getRevokedAt() != null) {
                throw new ApiException(401, "ENROLLMENT_TOKEN_REVOKED", "the enrollment token has been revoked");
            }
            if (!now.isBefore(token.getExpiresAt())) {
                throw new ApiException(
                        401,
                        "ENROLLMENT_TOKEN_EXPIRED",
                        "the enrollment token expired at " + token.getExpiresAt() + "; ask an admin for a new one");
            }
            if (token.getUses() >= token.getMaxUses()) {
                throw new ApiException(
                        401,
                        "ENROLLMENT_TOKEN_USED_UP",
                        "the enrollment token has been used " + token.getUses() + " of " + token.getMaxUses()
                                + " times");
            }
            PossessionProof.Verified proof;
            try {
                proof = PossessionProof.verify(
                        r.proof(), r.token(), EnrollmentRequest.ENROLLMENT_AUDIENCE, now, PROOF_MAX_AGE);
            } catch (PossessionProofException e) {
                throw ApiException.badRequest(
                        "INVALID_PROOF", "proof of possession rejected (" + e.reason() + "): " + e.getMessage());
            }
            boolean known = !session.createQuery("select e.id from AgentEntity e where e.keyId = :kid", UUID.class)
                    .setParameter("kid", proof.keyId())
                    .getResultList()
                    .isEmpty();
            if (known) {
                throw new ApiException(
                        409,
                        "AGENT_ALREADY_ENROLLED",
                        "an agent with this key is already enrolled; generate a new key");
            }
            AgentEntity agent = new AgentEntity(
                    tenantId,
                    token.getGroupId(),
                    r.name().trim(),
                    proof.keyId(),
                    proof.publicKey().toJSONString());
            agent.setAgentVersion(r.agentVersion());
            agent.setEnrollmentTokenId(tokenId);
            session.persist(agent);
            token.setUses(token.getUses() + 1);
            token.touch();
            session.flush();
            activity.recordWithoutUser(
                    session,
                    tenantId,
                    tokenId,
                    "enroll",
                    "data-plane",
                    agent.getId().toString(),
                    null,
                    ApiMapper.dataPlane(agent, 0, now, offlineAfter));
            List<String> chain = deps.keys().chain(session, tenantId);
            String pulsarToken = deps.agentTokens() == null
                    ? null
                    : deps.agentTokens().mint(new PulsarTopics(tenantId.toString()).agentRole());
            String hashKey = new RedactionHashKeys(deps.keys().aead()).key(session, tenantId, now);
            return new EnrollmentResponse(
                    agent.getId().toString(),
                    tenantId.toString(),
                    token.getGroupId().toString(),
                    chain.get(chain.size() - 1),
                    new TrustSetChain(chain),
                    new EnrollmentResponse.Pulsar(deps.pulsarServiceUrl(), pulsarToken),
                    hashKey);
        });
    }

    private static ApiException invalidToken() {
        return new ApiException(401, "ENROLLMENT_TOKEN_INVALID", "the enrollment token is not valid");
    }
}
