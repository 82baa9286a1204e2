package io.gatehouse.controlplane.domain.activity;

import io.gatehouse.controlplane.persistence.TenantOwned;
import io.gatehouse.controlplane.persistence.Times;
import io.gatehouse.controlplane.persistence.Uuids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Filter;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One admin change; append-only (the application role has no UPDATE or DELETE on the table). */
@Entity
@Immutable
@Table(name = "activity")
@Filter(name = TenantOwned.FILTER)
public class ActivityEntity {
    @Id
    private UUID id;

    @Column(name = "tenant_id", nullable = false)
    private UUID tenantId;

    @Column(name = "at", nullable = false)
    private Instant at;

    @Column(name = "actor_user_id")
    private UUID actorUserId;

    @Column(name = "actor_token_id")
    private UUID actorTokenId;

    @Column(name = "action", nullable = false)
    private String action;

    @Column(name = "resource_type", nullable = false)
    private String resourceType;

    @Column(name = "resource_id", nullable = false)
    private String resourceId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "before")
    private String before;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "after")
    private String after;

    @Column(name = "request_id")
    private String requestId;

    protected ActivityEntity() {}

    public ActivityEntity(
            UUID tenantId,
            UUID actorUserId,
            UUID actorTokenId,
            String action,
            String resourceType,
            String resourceId,
            String before,
            String after,
            String requestId) {
        this.id = Uuids.v7();
        this.tenantId = tenantId;
        this.at = Times.now();
        this.actorUserId = actorUserId;
        this.actorTokenId = actorTokenId;
        this.action = action;
        this.resourceType = resourceType;
        this.resourceId = resourceId;
        this.before = before;
        this.after = after;
        this.requestId = requestId;
    }

    public UUID getId() {
        return id;
    }

    public Instant getAt() {
        return at;
    }

    public UUID getActorUserId() {
        return actorUserId;
    }

    public UUID getActorTokenId() {
        return actorTokenId;
    }

    public String getAction() {
        return action;
    }

    public String getResourceType() {
        return resourceType;
    }

    public String getResourceId() {
        return resourceId;
    }

    public String getBefore() {
        return before;
    }

    public String getAfter() {
        return after;
    }

    public String getRequestId() {
        return requestId;
    }
}
