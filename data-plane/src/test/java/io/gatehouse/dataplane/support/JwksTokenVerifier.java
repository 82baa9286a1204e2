package io.gatehouse.dataplane.support;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.gatehouse.dataplane.auth.AuthenticationException;
import io.gatehouse.dataplane.auth.AuthenticationException.Reason;
import io.gatehouse.dataplane.auth.IssuerSettings;
import io.gatehouse.dataplane.auth.Principal;
import io.gatehouse.dataplane.auth.TokenVerifier;
import java.net.MalformedURLException;
import java.text.ParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A real (Nimbus) verifier for the proxy's tests, used until the auth work's verifier is merged:
 * signature against the issuer's JWKS, ES256 only, exact issuer, audience, expiry.
 */
public final class JwksTokenVerifier implements TokenVerifier {

    private final Map<String, DefaultJWTProcessor<SecurityContext>> processors = new java.util.HashMap<>();

    public JwksTokenVerifier(List<IssuerSettings> issuers) {
        for (IssuerSettings settings : issuers) {
            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            try {
                processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
                        JWSAlgorithm.ES256,
                        JWKSourceBuilder.create(settings.jwksUri().toURL()).build()));
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(e);
            }
            processors.put(settings.issuer(), processor);
        }
    }

    @Override
    public Principal verify(String bearerToken, String audience) throws AuthenticationException {
        String issuer;
        try {
            issuer = com.nimbusds.jwt.JWTParser.parse(bearerToken)
                    .getJWTClaimsSet()
                    .getIssuer();
        } catch (ParseException e) {
            throw new AuthenticationException(Reason.MALFORMED_TOKEN, "the token is not a JWT");
        }
        DefaultJWTProcessor<SecurityContext> processor = processors.get(issuer);
        if (processor == null) {
            throw new AuthenticationException(Reason.UNTRUSTED_ISSUER, "the token's issuer is not trusted");
        }
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                audience, new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "exp")));
        try {
            JWTClaimsSet claims = processor.process(bearerToken, null);
            Object scope = claims.getClaim("scope");
            Set<String> scopes = new HashSet<>();
            if (scope instanceof String s && !s.isBlank()) {
                scopes.addAll(List.of(s.split(" ")));
            }
            return new Principal(
                    claims.getSubject(), issuer, claims.getStringClaim("client_id"), scopes, List.of(), Map.of());
        } catch (BadJWTException e) {
            String message = e.getMessage().toLowerCase(java.util.Locale.ROOT);
            Reason reason = message.contains("aud")
                    ? Reason.WRONG_AUDIENCE
                    : message.contains("expired") ? Reason.EXPIRED : Reason.MALFORMED_TOKEN;
            throw new AuthenticationException(
                    reason, "the token was refused: " + reason.name().toLowerCase());
        } catch (BadJOSEException e) {
            throw new AuthenticationException(Reason.BAD_SIGNATURE, "the token's signature is invalid");
        } catch (Exception e) {
            throw new AuthenticationException(Reason.ISSUER_UNAVAILABLE, "the issuer's keys are unavailable");
        }
    }
}
