package io.gatehouse.controlplane.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.annotations.FilterDef;
import org.hibernate.annotations.ParamDef;

/**
 * Base of every tenant-owned entity: id, {@code tenant_id}, optimistic-lock version (the ETag) and
 * timestamps. Subclasses carry {@code @Filter(name = TenantOwned.FILTER)}, enabled by {@link Db} on
 * every tenant session; row-level security is the second wall.
 */
@MappedSuperclass
@FilterDef(
        name = TenantOwned.FILTER,
        parameters = @ParamDef(name = "tenantId", type = UUID.class),
        defaultCondition = "tenant_id = :tenantId")
public abstract class TenantOwned {
    public static final String FILTER = "tenant";

    @Id
    private UUID id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    @Version
    private long version;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected TenantOwned() {}

    protected TenantOwned(UUID tenantId) {
        this.id = Uuids.v7();
        this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
        this.createdAt = Times.now();
        this.updatedAt = createdAt;
    }

    public UUID getId() {
        return id;
    }

    public UUID getTenantId() {
        return tenantId;
    }

    public long getVersion() {
        return version;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public void touch() {
        this.updatedAt = Times.now();
    }
}
