package io.gatehouse.controlplane.domain.policy;

import io.gatehouse.controlplane.persistence.TenantOwned;
import io.gatehouse.protocol.api.Direction;
import io.gatehouse.protocol.api.RedactionAction;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.util.UUID;
import org.hibernate.annotations.Filter;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A DLP rule. */
@Entity
@Table(name = "redaction_rules")
@Filter(name = TenantOwned.FILTER)
public class RedactionRuleEntity extends TenantOwned {
    @Column(name = "name", nullable = false)
    private String name;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "detectors", nullable = false)
    private String detectors;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "patterns", nullable = false)
    private String patterns;

    @Enumerated(EnumType.STRING)
    @Column(name = "direction", nullable = false)
    private Direction direction;

    @Enumerated(EnumType.STRING)
    @Column(name = "action", nullable = false)
    private RedactionAction action;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "server_ids", nullable = false)
    private String serverIds;

    protected RedactionRuleEntity() {}

    public RedactionRuleEntity(UUID tenantId) {
        super(tenantId);
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDetectors() {
        return detectors;
    }

    public void setDetectors(String detectors) {
        this.detectors = detectors;
    }

    public String getPatterns() {
        return patterns;
    }

    public void setPatterns(String patterns) {
        this.patterns = patterns;
    }

    public Direction getDirection() {
        return direction;
    }

    public void setDirection(Direction direction) {
        this.direction = direction;
    }

    public RedactionAction getAction() {
        return action;
    }

    public void setAction(RedactionAction action) {
        this.action = action;
    }

    public String getServerIds() {
        return serverIds;
    }

    public void setServerIds(String serverIds) {
        this.serverIds = serverIds;
    }
}
