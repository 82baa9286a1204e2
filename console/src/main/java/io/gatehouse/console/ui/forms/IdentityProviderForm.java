package io.gatehouse.console.ui.forms;

import com.vaadin.flow.component.textfield.TextField;
import io.gatehouse.protocol.api.ClaimMappings;
import io.gatehouse.protocol.api.IdentityProvider;
import io.gatehouse.protocol.api.IdentityProviderRequest;
import io.gatehouse.protocol.api.Introspection;

/** An OAuth/OIDC issuer whose access tokens the data planes accept from MCP clients. */
public final class IdentityProviderForm extends ApiForm<IdentityProviderRequest> {
    final TextField name = new TextField("Name");
    final TextField issuer = new TextField("Issuer");
    final TextField discoveryUri = new TextField("Discovery URL");
    final TextField jwksUri = new TextField("JWKS URL");
    final TextField audience = new TextField("Audience");
    final TextField subjectClaim = new TextField("Subject claim");
    final TextField groupsClaim = new TextField("Groups claim");
    final TextField scopesClaim = new TextField("Scopes claim");
    final TextField introspectionEndpoint = new TextField("Introspection endpoint (optional)");
    final TextField introspectionClientId = new TextField("Introspection client id");
    final TextField introspectionSecretRef = new TextField("Introspection client secret reference");

    public IdentityProviderForm(IdentityProvider existing) {
        name.setId("idp-name");
        issuer.setId("idp-issuer");
        discoveryUri.setId("idp-discoveryUri");
        jwksUri.setId("idp-jwksUri");
        audience.setId("idp-audience");
        issuer.setPlaceholder("https://login.example.com/realms/acme");
        discoveryUri.setHelperText("Exactly one of discovery URL and JWKS URL");
        audience.setHelperText("The aud your MCP clients' tokens carry, usually the gateway's MCP URL");
        subjectClaim.setValue("sub");
        groupsClaim.setValue("groups");
        scopesClaim.setValue("scope");
        bind(field("name", name).asRequired("Name the provider"));
        bind(field("issuer", issuer).asRequired("The iss of its tokens").withValidator(Inputs.url(false)));
        bind(field("discoveryUri", discoveryUri).withValidator(Inputs.url(false)));
        bind(field("jwksUri", jwksUri).withValidator(Inputs.url(false)));
        bind(field("audience", audience).asRequired("Tokens must be meant for the gateway"));
        bind(field("claims.subject", subjectClaim).asRequired("Which claim names the caller"));
        bind(field("claims.groups", groupsClaim));
        bind(field("claims.scopes", scopesClaim));
        bind(field("introspection.endpoint", introspectionEndpoint).withValidator(Inputs.url(false)));
        bind(field("introspection.clientId", introspectionClientId));
        bind(field("introspection.clientSecretRef", introspectionSecretRef).withValidator(Inputs.secretRef()));
        add(
                name,
                issuer,
                discoveryUri,
                jwksUri,
                audience,
                subjectClaim,
                groupsClaim,
                scopesClaim,
                introspectionEndpoint,
                introspectionClientId,
                introspectionSecretRef);
        addFormError();
        if (existing != null) {
            name.setValue(existing.name());
            issuer.setValue(existing.issuer());
            discoveryUri.setValue(ServerForm.nz(existing.discoveryUri()));
            jwksUri.setValue(ServerForm.nz(existing.jwksUri()));
            audience.setValue(ServerForm.nz(existing.audience()));
            if (existing.claims() != null) {
                subjectClaim.setValue(ServerForm.nz(existing.claims().subject()));
                groupsClaim.setValue(ServerForm.nz(existing.claims().groups()));
                scopesClaim.setValue(ServerForm.nz(existing.claims().scopes()));
            }
            if (existing.introspection() != null) {
                introspectionEndpoint.setValue(
                        ServerForm.nz(existing.introspection().endpoint()));
                introspectionClientId.setValue(
                        ServerForm.nz(existing.introspection().clientId()));
                introspectionSecretRef.setValue(
                        ServerForm.nz(existing.introspection().clientSecretRef()));
            }
        }
    }

    @Override
    protected boolean validateMore() {
        boolean discovery = !discoveryUri.getValue().isBlank();
        boolean jwks = !jwksUri.getValue().isBlank();
        if (discovery == jwks) {
            String message =
                    discovery ? "Give only one: discovery URL or JWKS URL" : "Give a discovery URL or a JWKS URL";
            discoveryUri.setErrorMessage(message);
            discoveryUri.setInvalid(true);
            return false;
        }
        return true;
    }

    @Override
    public IdentityProviderRequest toRequest() {
        Introspection introspection = introspectionEndpoint.getValue().isBlank()
                ? null
                : new Introspection(
                        introspectionEndpoint.getValue().trim(),
                        Inputs.blankToNull(introspectionClientId.getValue()),
                        Inputs.blankToNull(introspectionSecretRef.getValue()));
        return new IdentityProviderRequest(
                name.getValue().trim(),
                issuer.getValue().trim(),
                Inputs.blankToNull(discoveryUri.getValue()),
                Inputs.blankToNull(jwksUri.getValue()),
                audience.getValue().trim(),
                new ClaimMappings(
                        subjectClaim.getValue().trim(),
                        Inputs.blankToNull(groupsClaim.getValue()),
                        Inputs.blankToNull(scopesClaim.getValue())),
                introspection);
    }
}
