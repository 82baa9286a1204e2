package io.gatehouse.controlplane.domain.registry;

import io.gatehouse.controlplane.persistence.TenantOwned;
import io.gatehouse.protocol.api.Risk;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.util.UUID;
import org.hibernate.annotations.Filter;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Tool pattern of a server mapped to required scopes, risk and guarded arguments. */
@Entity
@Table(name = "tool_bindings")
@Filter(name = TenantOwned.FILTER)
public class ToolBindingEntity extends TenantOwned {
    @Column(name = "server_id", nullable = false)
    private UUID serverId;

    @Column(name = "tool_pattern", nullable = false)
    private String toolPattern;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "required_scopes", nullable = false)
    private String requiredScopes;

    @Enumerated(EnumType.STRING)
    @Column(name = "risk", nullable = false)
    private Risk risk;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "guarded_arguments", nullable = false)
    private String guardedArguments;

    protected ToolBindingEntity() {}

    public ToolBindingEntity(UUID tenantId) {
        super(tenantId);
    }

    public UUID getServerId() {
        return serverId;
    }

    public void setServerId(UUID serverId) {
        this.serverId = serverId;
    }

    public String getToolPattern() {
        return toolPattern;
    }

    public void setToolPattern(String toolPattern) {
        this.toolPattern = toolPattern;
    }

    public String getRequiredScopes() {
        return requiredScopes;
    }

    public void setRequiredScopes(String requiredScopes) {
        this.requiredScopes = requiredScopes;
    }

    public Risk getRisk() {
        return risk;
    }

    public void setRisk(Risk risk) {
        this.risk = risk;
    }

    public String getGuardedArguments() {
        return guardedArguments;
    }

    public void setGuardedArguments(String guardedArguments) {
        this.guardedArguments = guardedArguments;
    }
}
