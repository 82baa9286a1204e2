package io.gatehouse.controlplane.domain.identity;

import io.gatehouse.controlplane.persistence.Times;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A tenant; row-level security lets a transaction see only its own tenant row. */
@Entity
@Table(name = "tenants")
public class TenantEntity {
    @Id
    private UUID id;

    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected TenantEntity() {}

    public TenantEntity(UUID id, String name) {
        this.id = id;
        this.name = name;
        this.createdAt = Times.now();
    }

    public UUID getId() {
        return id;
    }

    public String getName() {
        return name;
    }
}
