package io.gatehouse.controlplane.domain.registry;

import io.gatehouse.controlplane.persistence.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.UUID;
import org.hibernate.annotations.Filter;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A tool as a server last announced it (reported through {@code PUT /servers/{id}/tools}). */
@Entity
@Table(name = "discovered_tools")
@Filter(name = TenantOwned.FILTER)
public class DiscoveredToolEntity extends TenantOwned {
    @Column(name = "server_id", nullable = false, updatable = false)
    private UUID serverId;

    @Column(name = "name", nullable = false, updatable = false)
    private String name;

    @Column(name = "fingerprint", nullable = false)
    private String fingerprint;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "definition", nullable = false)
    private String definition;

    protected DiscoveredToolEntity() {}

    public DiscoveredToolEntity(UUID tenantId, UUID serverId, String name) {
        super(tenantId);
        this.serverId = serverId;
        this.name = name;
    }

    public UUID getServerId() {
        return serverId;
    }

    public String getName() {
        return name;
    }

    public String getFingerprint() {
        return fingerprint;
    }

    public void setFingerprint(String fingerprint) {
        this.fingerprint = fingerprint;
    }

    public String getDefinition() {
        return definition;
    }

    public void setDefinition(String definition) {
        this.definition = definition;
    }
}
