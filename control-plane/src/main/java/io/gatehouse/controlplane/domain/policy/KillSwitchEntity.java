package io.gatehouse.controlplane.domain.policy;

import io.gatehouse.controlplane.persistence.TenantOwned;
import io.gatehouse.protocol.api.KillSwitchScope;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Filter;

/** An emergency stop of the tenant, a server or a tool; lifting it keeps the row. */
@Entity
@Table(name = "kill_switches")
@Filter(name = TenantOwned.FILTER)
public class KillSwitchEntity extends TenantOwned {
    @Enumerated(EnumType.STRING)
    @Column(name = "scope", nullable = false, updatable = false)
    private KillSwitchScope scope;

    @Column(name = "server_id", updatable = false)
    private UUID serverId;

    @Column(name = "tool", updatable = false)
    private String tool;

    @Column(name = "reason", nullable = false)
    private String reason;

    @Column(name = "created_by", nullable = false, updatable = false)
    private UUID createdBy;

    @Column(name = "lifted_by")
    private UUID liftedBy;

    @Column(name = "lifted_at")
    private Instant liftedAt;

    protected KillSwitchEntity() {}

    public KillSwitchEntity(UUID tenantId) {
        super(tenantId);
    }

    public KillSwitchScope getScope() {
        return scope;
    }

    public void setScope(KillSwitchScope scope) {
        this.scope = scope;
    }

    public UUID getServerId() {
        return serverId;
    }

    public void setServerId(UUID serverId) {
        this.serverId = serverId;
    }

    public String getTool() {
        return tool;
    }

    public void setTool(String tool) {
        this.tool = tool;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public UUID getCreatedBy() {
        return createdBy;
    }

    public void setCreatedBy(UUID createdBy) {
        this.createdBy = createdBy;
    }

    public UUID getLiftedBy() {
        return liftedBy;
    }

    public void setLiftedBy(UUID liftedBy) {
        this.liftedBy = liftedBy;
    }

    public Instant getLiftedAt() {
        return liftedAt;
    }

    public void setLiftedAt(Instant liftedAt) {
        this.liftedAt = liftedAt;
    }
}
