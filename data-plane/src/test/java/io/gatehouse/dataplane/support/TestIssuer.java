package io.gatehouse.dataplane.support;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/** A real JWT issuer for tests: an EC P-256 key, its JWKS served by a local Jetty, signed tokens. */
public final class TestIssuer implements AutoCloseable {

    private final ECKey key;
    private final Server server;
    private final URI base;

    private TestIssuer(ECKey key, Server server, URI base) {
        this.key = key;
        this.server = server;
        this.base = base;
    }

    public static TestIssuer start() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        String jwks = new JWKSet(key.toPublicJWK()).toString();
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                if (!Request.getPathInContext(request).equals("/jwks.json")) {
                    response.setStatus(404);
                    callback.succeeded();
                    return true;
                }
                response.getHeaders().put("Content-Type", "application/json");
                response.write(true, ByteBuffer.wrap(jwks.getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        });
        server.start();
        return new TestIssuer(key, server, URI.create("http://127.0.0.1:" + connector.getLocalPort()));
    }

    public String issuer() {
        return base.toString();
    }

    public URI jwksUri() {
        return base.resolve("/jwks.json");
    }

    public String token(String subject, String audience, String scope) {
        return token(subject, audience, scope, Instant.now().plus(Duration.ofMinutes(5)));
    }

    public String token(String subject, String audience, String scope, Instant expiresAt) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .issuer(issuer())
                    .subject(subject)
                    .audience(audience)
                    .claim("scope", scope)
                    .claim("client_id", "test-client")
                    .issueTime(new Date())
                    .expirationTime(Date.from(expiresAt))
                    .jwtID(UUID.randomUUID().toString())
                    .build();
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.ES256)
                            .keyID(key.getKeyID())
                            .type(JOSEObjectType.JWT)
                            .build(),
                    claims);
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
