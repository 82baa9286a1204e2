package io.gatehouse.controlplane.domain.fleet;

import io.gatehouse.controlplane.persistence.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Filter;
import org.hibernate.annotations.Formula;

/** An enrolled data-plane agent and the last status it reported. */
@Entity
@Table(name = "agents")
@Filter(name = TenantOwned.FILTER)
public class AgentEntity extends TenantOwned {
    @Column(name = "group_id", nullable = false, updatable = false)
    private UUID groupId;

    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "key_id", nullable = false, updatable = false)
    private String keyId;

    @Column(name = "public_jwk", nullable = false, updatable = false)
    private String publicJwk;

    @Column(name = "agent_version")
    private String agentVersion;

    @Column(name = "enrollment_token_id", updatable = false)
    private UUID enrollmentTokenId;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "last_seen_at")
    private Instant lastSeenAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "applied_version", nullable = false)
    private long appliedVersion;

    @Column(name = "reject_version")
    private Long rejectVersion;

    @Column(name = "reject_reason")
    private String rejectReason;

    @Column(name = "reject_detail")
    private String rejectDetail;

    @Column(name = "rejected_at")
    private Instant rejectedAt;

    /** The latest bundle version Pulsar acknowledged for the agent's group (row-level security applies). */
    @Formula("(select coalesce(max(b.version), 0) from bundles b where b.tenant_id = tenant_id"
            + " and b.group_id = group_id and b.published_at is not null)")
    private long desiredVersion;

    protected AgentEntity() {}

    public AgentEntity(UUID tenantId, UUID groupId, String name, String keyId, String publicJwk) {
        super(tenantId);
        this.groupId = groupId;
        this.name = name;
        this.keyId = keyId;
        this.publicJwk = publicJwk;
    }

    public UUID getGroupId() {
        return groupId;
    }

    public String getName() {
        return name;
    }

    public String getKeyId() {
        return keyId;
    }

    public String getPublicJwk() {
        return publicJwk;
    }

    public String getAgentVersion() {
        return agentVersion;
    }

    public void setAgentVersion(String agentVersion) {
        this.agentVersion = agentVersion;
    }

    public UUID getEnrollmentTokenId() {
        return enrollmentTokenId;
    }

    public void setEnrollmentTokenId(UUID enrollmentTokenId) {
        this.enrollmentTokenId = enrollmentTokenId;
    }

    public Instant getRevokedAt() {
        return revokedAt;
    }

    public void setRevokedAt(Instant revokedAt) {
        this.revokedAt = revokedAt;
    }

    public Instant getLastSeenAt() {
        return lastSeenAt;
    }

    public void setLastSeenAt(Instant lastSeenAt) {
        this.lastSeenAt = lastSeenAt;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public void setStartedAt(Instant startedAt) {
        this.startedAt = startedAt;
    }

    public long getAppliedVersion() {
        return appliedVersion;
    }

    public void setAppliedVersion(long appliedVersion) {
        this.appliedVersion = appliedVersion;
    }

    public Long getRejectVersion() {
        return rejectVersion;
    }

    public String getRejectReason() {
        return rejectReason;
    }

    public String getRejectDetail() {
        return rejectDetail;
    }

    public Instant getRejectedAt() {
        return rejectedAt;
    }

    public long getDesiredVersion() {
        return desiredVersion;
    }

    public void setReject(Long version, String reason, String detail, Instant at) {
        this.rejectVersion = version;
        this.rejectReason = reason;
        this.rejectDetail = detail;
        this.rejectedAt = at;
    }
}
