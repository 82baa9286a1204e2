package io.gatehouse.dataplane.auth;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.gatehouse.dataplane.auth.AuthenticationException.Reason;
import java.text.ParseException;
import java.util.List;
import java.util.Map;

/** Routes a token to the verifier of its issuer; see {@link TokenVerifiers}. */
final class IssuerRoutingTokenVerifier implements CloseableTokenVerifier {

    /** Longer bearer tokens are refused before any parsing. */
    static final int MAX_TOKEN_LENGTH = 16 * 1024;

    private final Map<String, JwtIssuerVerifier> jwtVerifiers;
    private final Map<String, IntrospectionVerifier> introspectionVerifiers;
    private final List<AutoCloseable> resources;

    IssuerRoutingTokenVerifier(
            Map<String, JwtIssuerVerifier> jwtVerifiers,
            Map<String, IntrospectionVerifier> introspectionVerifiers,
            List<AutoCloseable> resources) {
        this.jwtVerifiers = Map.copyOf(jwtVerifiers);
        this.introspectionVerifiers = new java.util.LinkedHashMap<>(introspectionVerifiers);
        this.resources = List.copyOf(resources);
    }

    @Override
    public Principal verify(String bearerToken, String audience) throws AuthenticationException {
        requireNonNull(audience, "audience");
        if (bearerToken == null || bearerToken.isBlank()) {
            throw new AuthenticationException(Reason.MISSING_TOKEN, "no bearer token");
        }
        if (bearerToken.length() > MAX_TOKEN_LENGTH) {
            throw new AuthenticationException(Reason.MALFORMED_TOKEN, "token is too long");
        }
        if (!looksLikeJwt(bearerToken)) {
            return introspectOpaque(bearerToken, audience);
        }
        JWT jwt;
        String issuer;
        try {
            jwt = JWTParser.parse(bearerToken);
            if (jwt instanceof PlainJWT) {
                throw new AuthenticationException(Reason.ALGORITHM_NOT_ALLOWED, "unsigned tokens are not accepted");
            }
            if (jwt instanceof EncryptedJWT) {
                throw new AuthenticationException(Reason.ALGORITHM_NOT_ALLOWED, "encrypted tokens are not accepted");
            }
            issuer = jwt.getJWTClaimsSet().getIssuer();
        } catch (ParseException e) {
            throw new AuthenticationException(Reason.MALFORMED_TOKEN, "token is not a well-formed JWT");
        }
        if (issuer == null) {
            throw new AuthenticationException(Reason.MALFORMED_TOKEN, "token has no issuer (iss)");
        }
        JwtIssuerVerifier verifier = jwtVerifiers.get(issuer);
        if (verifier != null) {
            return verifier.verify((SignedJWT) jwt, audience);
        }
        IntrospectionVerifier introspection = introspectionVerifiers.get(issuer);
        if (introspection != null) {
            return introspection.verify(bearerToken, audience);
        }
        throw new AuthenticationException(Reason.UNTRUSTED_ISSUER, "token issuer is not trusted");
    }

    private Principal introspectOpaque(String token, String audience) throws AuthenticationException {
        if (introspectionVerifiers.isEmpty()) {
            throw new AuthenticationException(Reason.MALFORMED_TOKEN, "token is not a JWT");
        }
        AuthenticationException first = null;
        for (IntrospectionVerifier verifier : introspectionVerifiers.values()) {
            try {
                return verifier.verify(token, audience);
            } catch (AuthenticationException e) {
                if (e.reason() != Reason.INACTIVE_TOKEN) {
                    throw e;
                }
                first = first == null ? e : first;
            }
        }
        throw first;
    }

    /** Three (JWS) or five (JWE) base64url segments. */
    private static boolean looksLikeJwt(String token) {
        int dots = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '.') {
                dots++;
            } else if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '=')) {
                return false;
            }
        }
        return dots == 2 || dots == 4;
    }

    @Override
    public void close() {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                // closing is best effort; nothing else holds these resources
            }
        }
    }
}
