package io.gatehouse.dataplane.auth;

import io.gatehouse.dataplane.auth.AuthenticationException.Reason;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * RFC 7662 introspection of one issuer, for opaque tokens (or JWTs of an issuer configured without
 * keys). The data plane authenticates with HTTP Basic ({@code client_secret_basic}); the secret is
 * resolved from its reference on every call. Answers are cached by SHA-256 of the token for at most
 * the configured TTL and never beyond the token's {@code exp}. An active answer must name this
 * issuer (when it has {@code iss}), be within {@code exp}/{@code nbf}, and list the route's resource
 * in {@code aud}; fail closed when the endpoint cannot be reached ({@code ISSUER_UNAVAILABLE}).
 */
final class IntrospectionVerifier {

    private static final int MAX_CACHE_ENTRIES = 10_000;

    private record Cached(Map<String, Object> answer, Instant until) {}

    private final IssuerSettings settings;
    private final IssuerSettings.Introspection introspection;
    private final IssuerHttp http;
    private final SecretResolver secrets;
    private final Clock clock;
    private final Duration cacheTtl;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    IntrospectionVerifier(
            IssuerSettings settings, IssuerHttp http, SecretResolver secrets, Clock clock, Duration cacheTtl) {
        this.settings = settings;
        this.introspection = settings.introspection();
        this.http = http;
        this.secrets = secrets;
        this.clock = clock;
        this.cacheTtl = cacheTtl;
        SecretResolver.checkSyntax(introspection.clientSecretRef());
    }

    Principal verify(String token, String audience) throws AuthenticationException {
        Map<String, Object> answer = answer(token);
        if (!Boolean.TRUE.equals(answer.get("active"))) {
            throw new AuthenticationException(Reason.INACTIVE_TOKEN, "token is not active");
        }
        Object iss = answer.get("iss");
        if (iss != null && !settings.issuer().equals(iss)) {
            throw new AuthenticationException(Reason.UNTRUSTED_ISSUER, "token issuer is not trusted");
        }
        TimeChecks.check(
                epochSeconds(answer.get("exp")),
                epochSeconds(answer.get("nbf")),
                clock.instant(),
                settings.clockSkew());
        Object aud = answer.get("aud");
        boolean audienceMatches =
                aud instanceof String s ? s.equals(audience) : aud instanceof List<?> l && l.contains(audience);
        if (!audienceMatches) {
            throw new AuthenticationException(Reason.WRONG_AUDIENCE, "token was not issued for this resource");
        }
        return PrincipalMapper.toPrincipal(settings, answer);
    }

    private Map<String, Object> answer(String token) throws AuthenticationException {
        String key = sha256(token);
        Instant now = clock.instant();
        Cached cached = cache.get(key);
        if (cached != null && now.isBefore(cached.until())) {
            return cached.answer();
        }
        Map<String, Object> answer;
        try {
            String form = "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&token_type_hint=access_token";
            answer = http.postForm(introspection.endpoint(), basicAuthorization(), form);
        } catch (IOException | SecretReferenceException e) {
            throw new AuthenticationException(Reason.ISSUER_UNAVAILABLE, "token introspection is unavailable", e);
        }
        remember(key, answer, now);
        return answer;
    }

    private void remember(String key, Map<String, Object> answer, Instant now) {
        if (cacheTtl.isZero()) {
            return;
        }
        Instant until = now.plus(cacheTtl);
        Instant exp = epochSeconds(answer.get("exp"));
        if (exp != null && exp.isBefore(until)) {
            until = exp;
        }
        if (cache.size() >= MAX_CACHE_ENTRIES) {
            cache.values().removeIf(c -> !now.isBefore(c.until()));
            if (cache.size() >= MAX_CACHE_ENTRIES) {
                cache.clear();
            }
        }
        cache.put(key, new Cached(Map.copyOf(withoutNulls(answer)), until));
    }

    private String basicAuthorization() {
        String secret = secrets.resolve(introspection.clientSecretRef());
        String pair = URLEncoder.encode(introspection.clientId(), StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> answer) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>();
        answer.forEach((k, v) -> {
            if (v != null) {
                copy.put(k, v);
            }
        });
        return copy;
    }

    private static Instant epochSeconds(Object value) {
        return value instanceof Number n ? Instant.ofEpochSecond(n.longValue()) : null;
    }

    static String sha256(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
