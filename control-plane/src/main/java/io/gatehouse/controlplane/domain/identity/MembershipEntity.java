package io.gatehouse.controlplane.domain.identity;

import io.gatehouse.controlplane.persistence.TenantOwned;
import io.gatehouse.protocol.api.Role;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.util.UUID;
import org.hibernate.annotations.Filter;

/** A user's role in a tenant. */
@Entity
@Table(name = "memberships")
@Filter(name = TenantOwned.FILTER)
public class MembershipEntity extends TenantOwned {
    @Column(name = "user_id", nullable = false, updatable = false)
    private UUID userId;

    @Enumerated(EnumType.STRING)
    @Column(name = "role", nullable = false)
    private Role role;

    protected MembershipEntity() {}

    public MembershipEntity(UUID tenantId) {
        super(tenantId);
    }

    public UUID getUserId() {
        return userId;
    }

    public void setUserId(UUID userId) {
        this.userId = userId;
    }

    public Role getRole() {
        return role;
    }

    public void setRole(Role role) {
        this.role = role;
    }
}
