package io.gatehouse.controlplane.domain.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/**
 * Read-only view of a user. Users are global; the application sees only members of the current
 * tenant (row-level security) and writes users only through definer functions.
 */
@Entity
@Immutable
@Table(name = "users")
public class UserEntity {
    @Id
    private UUID id;

    @Column(name = "email", nullable = false)
    private String email;

    protected UserEntity() {}

    public UUID getId() {
        return id;
    }

    public String getEmail() {
        return email;
    }
}
