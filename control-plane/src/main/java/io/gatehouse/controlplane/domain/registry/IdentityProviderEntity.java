package io.gatehouse.controlplane.domain.registry;

import io.gatehouse.controlplane.persistence.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.UUID;
import org.hibernate.annotations.Filter;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An issuer the data planes trust for MCP clients. */
@Entity
@Table(name = "identity_providers")
@Filter(name = TenantOwned.FILTER)
public class IdentityProviderEntity extends TenantOwned {
    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "issuer", nullable = false)
    private String issuer;

    @Column(name = "discovery_uri")
    private String discoveryUri;

    @Column(name = "jwks_uri")
    private String jwksUri;

    @Column(name = "audience", nullable = false)
    private String audience;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "claims", nullable = false)
    private String claims;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "introspection")
    private String introspection;

    protected IdentityProviderEntity() {}

    public IdentityProviderEntity(UUID tenantId) {
        super(tenantId);
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getIssuer() {
        return issuer;
    }

    public void setIssuer(String issuer) {
        this.issuer = issuer;
    }

    public String getDiscoveryUri() {
        return discoveryUri;
    }

    public void setDiscoveryUri(String discoveryUri) {
        this.discoveryUri = discoveryUri;
    }

    public String getJwksUri() {
        return jwksUri;
    }

    public void setJwksUri(String jwksUri) {
        this.jwksUri = jwksUri;
    }

    public String getAudience() {
        return audience;
    }

    public void setAudience(String audience) {
        this.audience = audience;
    }

    public String getClaims() {
        return claims;
    }

    public void setClaims(String claims) {
        this.claims = claims;
    }

    public String getIntrospection() {
        return introspection;
    }

    public void setIntrospection(String introspection) {
        this.introspection = introspection;
    }
}
