package io.gatehouse.controlplane.domain.registry;

import io.gatehouse.controlplane.persistence.TenantOwned;
import io.gatehouse.protocol.api.ServerStatus;
import io.gatehouse.protocol.api.Transport;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.util.UUID;
import org.hibernate.annotations.Filter;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A registered MCP server. */
@Entity
@Table(name = "servers")
@Filter(name = TenantOwned.FILTER)
public class ServerEntity extends TenantOwned {
    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "slug", nullable = false)
    private String slug;

    @Column(name = "upstream_url", nullable = false)
    private String upstreamUrl;

    @Enumerated(EnumType.STRING)
    @Column(name = "transport", nullable = false)
    private Transport transport;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "upstream_auth", nullable = false)
    private String upstreamAuth;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "allowed_origins", nullable = false)
    private String allowedOrigins;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false)
    private ServerStatus status;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "labels", nullable = false)
    private String labels;

    protected ServerEntity() {}

    public ServerEntity(UUID tenantId) {
        super(tenantId);
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getSlug() {
        return slug;
    }

    public void setSlug(String slug) {
        this.slug = slug;
    }

    public String getUpstreamUrl() {
        return upstreamUrl;
    }

    public void setUpstreamUrl(String upstreamUrl) {
        this.upstreamUrl = upstreamUrl;
    }

    public Transport getTransport() {
        return transport;
    }

    public void setTransport(Transport transport) {
        this.transport = transport;
    }

    public String getUpstreamAuth() {
        return upstreamAuth;
    }

    public void setUpstreamAuth(String upstreamAuth) {
        this.upstreamAuth = upstreamAuth;
    }

    public String getAllowedOrigins() {
        return allowedOrigins;
    }

    public void setAllowedOrigins(String allowedOrigins) {
        this.allowedOrigins = allowedOrigins;
    }

    public ServerStatus getStatus() {
        return status;
    }

    public void setStatus(ServerStatus status) {
        this.status = status;
    }

    public String getLabels() {
        return labels;
    }

    public void setLabels(String labels) {
        this.labels = labels;
    }
}
