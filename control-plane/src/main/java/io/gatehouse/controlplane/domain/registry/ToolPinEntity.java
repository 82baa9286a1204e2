package io.gatehouse.controlplane.domain.registry;

import io.gatehouse.controlplane.persistence.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.UUID;
import org.hibernate.annotations.Filter;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An approved tool: the data plane forwards it while the server announces this fingerprint. */
@Entity
@Table(name = "tool_pins")
@Filter(name = TenantOwned.FILTER)
public class ToolPinEntity extends TenantOwned {
    @Column(name = "server_id", nullable = false, updatable = false)
    private UUID serverId;

    @Column(name = "name", nullable = false, updatable = false)
    private String name;

    @Column(name = "fingerprint", nullable = false)
    private String fingerprint;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "definition", nullable = false)
    private String definition;

    @Column(name = "approved_by")
    private UUID approvedBy;

    protected ToolPinEntity() {}

    public ToolPinEntity(UUID tenantId, UUID serverId, String name) {
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

    public UUID getApprovedBy() {
        return approvedBy;
    }

    public void setApprovedBy(UUID approvedBy) {
        this.approvedBy = approvedBy;
    }
}
