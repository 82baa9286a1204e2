package io.gatehouse.controlplane.domain.fleet;

import io.gatehouse.controlplane.persistence.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.UUID;
import org.hibernate.annotations.Filter;

/** A group of data-plane agents that share one bundle. */
@Entity
@Table(name = "data_plane_groups")
@Filter(name = TenantOwned.FILTER)
public class DataPlaneGroupEntity extends TenantOwned {
    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "description")
    private String description;

    @Column(name = "public_base_url")
    private String publicBaseUrl;

    protected DataPlaneGroupEntity() {}

    public DataPlaneGroupEntity(UUID tenantId) {
        super(tenantId);
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    /** Where the group's data planes are reachable; null: the configured default. */
    public String getPublicBaseUrl() {
        return publicBaseUrl;
    }

    public void setPublicBaseUrl(String publicBaseUrl) {
        this.publicBaseUrl = publicBaseUrl;
    }
}
