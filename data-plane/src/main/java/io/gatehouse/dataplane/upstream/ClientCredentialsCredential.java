package io.gatehouse.dataplane.upstream;

import io.gatehouse.dataplane.auth.Principal;
import java.util.LinkedHashMap;
import java.util.Map;

/** The data plane's own OAuth client-credentials token, shared by all callers of one upstream. */
final class ClientCredentialsCredential implements UpstreamCredential {

    private final UpstreamAuthSettings.ClientCredentials settings;
    private final TokenEndpointClient endpoint;
    private final CachedToken cache;

    ClientCredentialsCredential(
            UpstreamAuthSettings.ClientCredentials settings, TokenEndpointClient endpoint, CachedToken cache) {
        this.settings = settings;
        this.endpoint = endpoint;
        this.cache = cache;
    }

    @Override
    public Map<String, String> headers(Principal caller, String callerToken) throws UpstreamCredentialException {
        return Map.of("Authorization", "Bearer " + cache.get(this::fetch));
    }

    private TokenEndpointClient.IssuedToken fetch() throws UpstreamCredentialException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("scope", String.join(" ", settings.scopes().stream().sorted().toList()));
        form.put("audience", settings.audience());
        form.put("resource", settings.resource());
        return endpoint.request(form, UpstreamAuthSettings.ACCESS_TOKEN_TYPE);
    }

    @Override
    public String toString() {
        return "ClientCredentialsCredential[" + endpoint.tokenUri() + ", clientId=" + settings.clientId() + "]";
    }
}
