package io.gatehouse.controlplane.domain.policy;

import io.gatehouse.controlplane.persistence.TenantOwned;
import io.gatehouse.protocol.api.FailureMode;
import io.gatehouse.protocol.api.LimitKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.util.UUID;
import org.hibernate.annotations.Filter;

/** A token-bucket rate limit. */
@Entity
@Table(name = "rate_limits")
@Filter(name = TenantOwned.FILTER)
public class RateLimitEntity extends TenantOwned {
    @Column(name = "name", nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "limit_key", nullable = false)
    private LimitKey limitKey;

    @Column(name = "server_id")
    private UUID serverId;

    @Column(name = "tool")
    private String tool;

    @Column(name = "capacity")
    private long capacity;

    @Column(name = "refill_tokens")
    private long refillTokens;

    @Column(name = "refill_period_seconds")
    private long refillPeriodSeconds;

    @Enumerated(EnumType.STRING)
    @Column(name = "failure_mode", nullable = false)
    private FailureMode failureMode;

    protected RateLimitEntity() {}

    public RateLimitEntity(UUID tenantId) {
        super(tenantId);
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public LimitKey getLimitKey() {
        return limitKey;
    }

    public void setLimitKey(LimitKey limitKey) {
        this.limitKey = limitKey;
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

    public long getCapacity() {
        return capacity;
    }

    public void setCapacity(long capacity) {
        this.capacity = capacity;
    }

    public long getRefillTokens() {
        return refillTokens;
    }

    public void setRefillTokens(long refillTokens) {
        this.refillTokens = refillTokens;
    }

    public long getRefillPeriodSeconds() {
        return refillPeriodSeconds;
    }

    public void setRefillPeriodSeconds(long refillPeriodSeconds) {
        this.refillPeriodSeconds = refillPeriodSeconds;
    }

    public FailureMode getFailureMode() {
        return failureMode;
    }

    public void setFailureMode(FailureMode failureMode) {
        this.failureMode = failureMode;
    }
}
