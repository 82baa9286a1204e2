package io.gatehouse.dataplane.upstream;

import io.gatehouse.dataplane.auth.Principal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * RFC 8693 token exchange per caller: the caller's token (subject token) goes only to the token
 * endpoint; the exchanged token is cached by SHA-256 of the caller's token until shortly before it
 * expires, with single-flight refresh per caller.
 */
final class TokenExchangeCredential implements UpstreamCredential {

    private final UpstreamAuthSettings.TokenExchange settings;
    private final TokenEndpointClient endpoint;
    private final UpstreamCredentialOptions options;
    private final Map<String, CachedToken> cache = new ConcurrentHashMap<>();

    TokenExchangeCredential(
            UpstreamAuthSettings.TokenExchange settings,
            TokenEndpointClient endpoint,
            UpstreamCredentialOptions options) {
        this.settings = settings;
        this.endpoint = endpoint;
        this.options = options;
    }

    @Override
    public Map<String, String> headers(Principal caller, String callerToken) throws UpstreamCredentialException {
        if (callerToken == null || callerToken.isBlank()) {
            throw new UpstreamCredentialException(
                    "token exchange for " + endpoint.tokenUri() + " needs the caller's token");
        }
        String key = sha256(callerToken);
        CachedToken entry = cache.get(key);
        if (entry == null) {
            if (cache.size() >= options.maxExchangedTokens()) {
                cache.values().removeIf(c -> !c.usable());
                if (cache.size() >= options.maxExchangedTokens()) {
                    cache.clear();
                }
            }
            Clock clock = options.clock();
            entry = cache.computeIfAbsent(
                    key, k -> new CachedToken(clock, options.refreshMargin(), options.failureBackoff()));
        }
        String token = entry.get(() -> exchange(callerToken));
        return Map.of("Authorization", "Bearer " + token);
    }

    private TokenEndpointClient.IssuedToken exchange(String callerToken) throws UpstreamCredentialException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange");
        form.put("subject_token", callerToken);
        form.put("subject_token_type", UpstreamAuthSettings.ACCESS_TOKEN_TYPE);
        form.put("requested_token_type", settings.requestedTokenType());
        form.put("audience", settings.audience());
        form.put("resource", settings.resource());
        form.put("scope", String.join(" ", settings.scopes().stream().sorted().toList()));
        return endpoint.request(form, settings.requestedTokenType());
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "TokenExchangeCredential[" + endpoint.tokenUri() + ", clientId=" + settings.clientId() + "]";
    }
}
