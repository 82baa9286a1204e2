package io.gatehouse.controlplane.domain.registry;

import io.gatehouse.controlplane.api.errors.Validation;
import io.gatehouse.controlplane.api.mapping.ApiMapper;
import io.gatehouse.controlplane.auth.Caller;
import io.gatehouse.controlplane.domain.CrudService;
import io.gatehouse.controlplane.domain.activity.ActivityLog;
import io.gatehouse.controlplane.persistence.Json;
import io.gatehouse.controlplane.persistence.Keyset;
import io.gatehouse.controlplane.persistence.ListParams;
import io.gatehouse.protocol.api.ClaimMappings;
import io.gatehouse.protocol.api.IdentityProvider;
import io.gatehouse.protocol.api.IdentityProviderRequest;
import io.gatehouse.protocol.api.Introspection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.hibernate.Session;

/**
 * Identity providers: issuer, discovery or JWKS URI (exactly one), audience, claim mappings and
 * optional introspection whose client secret is a secret reference.
 */
public final class IdentityProviderService
        extends CrudService<IdentityProviderEntity, IdentityProviderRequest, IdentityProvider> {
    private static final Pattern CLAIM = Pattern.compile("[A-Za-z0-9_:./-]{1,128}");

    public IdentityProviderService(ActivityLog activity) {
        super(IdentityProviderEntity.class, "identity-provider", activity);
    }

    @Override
    protected void validate(Session session, IdentityProviderRequest r, IdentityProviderEntity existing, Validation v) {
        v.text("name", r.name(), 100);
        v.url("issuer", r.issuer(), true, true);
        v.url("discoveryUri", r.discoveryUri(), false, true);
        v.url("jwksUri", r.jwksUri(), false, true);
        if ((r.discoveryUri() == null) == (r.jwksUri() == null)) {
            v.error(
                    r.discoveryUri() == null ? "jwksUri" : "discoveryUri",
                    "exactly one of discoveryUri and jwksUri is required");
        }
        v.text("audience", r.audience(), 500);
        ClaimMappings claims = r.claims();
        if (claims != null) {
            v.matches("claims.subject", claims.subject(), CLAIM, "a claim name");
            v.matches("claims.groups", claims.groups(), CLAIM, "a claim name");
            v.matches("claims.scopes", claims.scopes(), CLAIM, "a claim name");
        }
        Introspection introspection = r.introspection();
        if (introspection != null) {
            v.url("introspection.endpoint", introspection.endpoint(), true, true);
            v.text("introspection.clientId", introspection.clientId(), 200);
            if (v.required("introspection.clientSecretRef", introspection.clientSecretRef())) {
                v.matches(
                        "introspection.clientSecretRef",
                        introspection.clientSecretRef(),
                        ServerService.SECRET_REF,
                        "a secret reference such as env:NAME or vault:path#key; never the secret itself");
            }
        }
    }

    @Override
    protected IdentityProviderEntity newEntity(Caller caller, IdentityProviderRequest request) {
        return new IdentityProviderEntity(caller.tenantId());
    }

    @Override
    protected void apply(IdentityProviderEntity e, IdentityProviderRequest r) {
        e.setName(r.name().trim());
        e.setIssuer(r.issuer());
        e.setDiscoveryUri(r.discoveryUri());
        e.setJwksUri(r.jwksUri());
        e.setAudience(r.audience());
        ClaimMappings c = r.claims() == null ? new ClaimMappings(null, null, null) : r.claims();
        e.setClaims(Json.write(new ClaimMappings(
                c.subject() == null ? "sub" : c.subject(),
                c.groups() == null ? "groups" : c.groups(),
                c.scopes() == null ? "scope" : c.scopes())));
        e.setIntrospection(r.introspection() == null ? null : Json.write(r.introspection()));
    }

    @Override
    public IdentityProvider represent(IdentityProviderEntity e) {
        return ApiMapper.identityProvider(e);
    }

    @Override
    public List<String> filterNames() {
        return List.of("issuer");
    }

    @Override
    protected void filter(Keyset<IdentityProviderEntity> keyset, ListParams params, Validation v) {
        String issuer = params.filter("issuer");
        if (issuer != null) {
            keyset.where("e.issuer = :issuer", Map.of("issuer", issuer));
        }
    }
}
