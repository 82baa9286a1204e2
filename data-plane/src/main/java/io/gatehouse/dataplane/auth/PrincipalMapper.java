package io.gatehouse.dataplane.auth;

import io.gatehouse.dataplane.auth.AuthenticationException.Reason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps validated claims (of a JWT or an introspection answer) to a {@link Principal} with the
 * issuer's claim mapping. A claim name containing dots that is not present as-is is looked up as a
 * path into nested objects (e.g. Keycloak's {@code realm_access.roles}).
 */
final class PrincipalMapper {

    private PrincipalMapper() {}

    static Principal toPrincipal(IssuerSettings settings, Map<String, Object> claims) throws AuthenticationException {
        Object subject = claim(claims, settings.subjectClaim());
        if (!(subject instanceof String s) || s.isBlank()) {
            throw new AuthenticationException(Reason.MALFORMED_TOKEN, "token has no subject");
        }
        Object clientId = claims.get("client_id");
        if (!(clientId instanceof String)) {
            clientId = claims.get("azp");
        }
        return new Principal(
                s,
                settings.issuer(),
                clientId instanceof String c ? c : "",
                scopes(settings.scopesClaim(), claims),
                strings(claim(claims, settings.groupsClaim()), false),
                withoutNulls(claims));
    }

    /**
     * Scopes from the configured claim; when it is absent, from the other common claim ({@code scope}
     * as a space-separated string, {@code scp} as a list or string).
     */
    static Set<String> scopes(String scopesClaim, Map<String, Object> claims) {
        Object value = claim(claims, scopesClaim);
        if (value == null) {
            value = claims.get("scope".equals(scopesClaim) ? "scp" : "scope");
        }
        return new LinkedHashSet<>(strings(value, true));
    }

    private static Object claim(Map<String, Object> claims, String name) {
        Object direct = claims.get(name);
        if (direct != null || !name.contains(".")) {
            return direct;
        }
        Object current = claims;
        for (String part : name.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    private static List<String> strings(Object value, boolean splitOnSpace) {
        List<String> out = new ArrayList<>();
        if (value instanceof String s) {
            if (splitOnSpace) {
                Arrays.stream(s.trim().split("\\s+")).filter(x -> !x.isEmpty()).forEach(out::add);
            } else if (!s.isBlank()) {
                out.add(s);
            }
        } else if (value instanceof Iterable<?> items) {
            for (Object item : items) {
                if (item instanceof String s && !s.isBlank()) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> claims) {
        Map<String, Object> copy = new LinkedHashMap<>();
        claims.forEach((k, v) -> {
            if (k != null && v != null) {
                copy.put(k, v);
            }
        });
        return copy;
    }
}
