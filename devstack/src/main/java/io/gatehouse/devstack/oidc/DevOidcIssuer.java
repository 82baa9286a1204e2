package io.gatehouse.devstack.oidc;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small but real OpenID Connect issuer for {@code ./gatehouse dev} and in-JVM tests (never for
 * production). It serves OIDC discovery ({@code /.well-known/openid-configuration} and the RFC 8414
 * form), a JWKS with an ES256 and an RS256 key ({@link #rotateKeys rotatable}), a token endpoint for
 * {@code client_credentials} and RFC 8693 token exchange, and RFC 7662 introspection. Tests mint
 * tokens with any claims via {@link #mint}, simulate an outage with {@link #setAvailable} and count
 * endpoint hits with {@link #hits}.
 *
 * <p>The issuer URL is {@code http://127.0.0.1:{port}}; bind port 0 for an ephemeral port.
 */
public final class DevOidcIssuer implements AutoCloseable {

    /** The endpoints, for {@link #hits}. */
    public enum Endpoint {
        DISCOVERY("/.well-known/openid-configuration"),
        JWKS("/jwks"),
        TOKEN("/token"),
        INTROSPECTION("/introspect");

        private final String path;

        Endpoint(String path) {
            this.path = path;
        }

        public String path() {
            return path;
        }
    }

    static final String TOKEN_EXCHANGE_GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI issuer;
    private final Clock clock;
    private final DevSigningKeys keys = new DevSigningKeys();
    private final Map<String, DevClient> clients = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> opaqueTokens = new ConcurrentHashMap<>();
    private final Map<Endpoint, AtomicInteger> hits = new EnumMap<>(Endpoint.class);
    private volatile Duration tokenLifetime = Duration.ofMinutes(10);
    private volatile boolean available = true;

    private DevOidcIssuer(HttpServer server, ExecutorService executor, Clock clock) {
        this.server = server;
        this.executor = executor;
        this.clock = clock;
        this.issuer = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        for (Endpoint endpoint : Endpoint.values()) {
            hits.put(endpoint, new AtomicInteger());
        }
    }

    /** Starts an issuer on {@code 127.0.0.1:port} (0 = ephemeral). */
    public static DevOidcIssuer start(int port) {
        return start(port, Clock.systemUTC());
    }

    /** Starts an issuer whose {@code iat}/{@code exp} come from {@code clock}. */
    public static DevOidcIssuer start(int port, Clock clock) {
        requireNonNull(clock, "clock");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
        }
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "dev-oidc-issuer");
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(executor);
            DevOidcIssuer issuer = new DevOidcIssuer(server, executor, clock);
            DevIssuerEndpoints endpoints = new DevIssuerEndpoints(issuer);
            server.createContext("/", endpoints::handle);
            server.start();
            return issuer;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the dev OIDC issuer to port " + port, e);
        }
    }

    /** Registers (or replaces) a confidential client for the token and introspection endpoints. */
    public DevOidcIssuer addClient(DevClient client) {
        clients.put(client.clientId(), client);
        return this;
    }

    /** Lifetime of tokens from the token endpoint and of {@link #mint} defaults (default 10 minutes). */
    public DevOidcIssuer tokenLifetime(Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("lifetime: " + lifetime + " (expected: > 0)");
        }
        this.tokenLifetime = lifetime;
        return this;
    }

    public URI issuer() {
        return issuer;
    }

    public URI discoveryUri() {
        return issuer.resolve(Endpoint.DISCOVERY.path());
    }

    public URI jwksUri() {
        return issuer.resolve(Endpoint.JWKS.path());
    }

    public URI tokenEndpoint() {
        return issuer.resolve(Endpoint.TOKEN.path());
    }

    public URI introspectionEndpoint() {
        return issuer.resolve(Endpoint.INTROSPECTION.path());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Mints an ES256 access token ({@code typ: at+jwt}). Defaults: {@code iss} = this issuer,
     * {@code iat} = now, {@code exp} = now + token lifetime, a random {@code jti}. {@code claims}
     * override the defaults; a null value removes a claim (e.g. {@code exp}). {@code Instant} values
     * become NumericDate seconds.
     */
    public String mint(Map<String, ?> claims) {
        return mint(JWSAlgorithm.ES256, claims);
    }

    /** Like {@link #mint(Map)} with the given algorithm (ES256 or RS256). */
    public String mint(JWSAlgorithm algorithm, Map<String, ?> claims) {
        return keys.sign(algorithm, new JOSEObjectType("at+jwt"), claimsWithDefaults(claims));
    }

    /** The current public signing key for {@code algorithm} (what an attacker could fetch from the JWKS). */
    public JWK currentPublicKey(JWSAlgorithm algorithm) {
        return keys.currentPublicKey(algorithm);
    }

    /**
     * Issues an opaque (non-JWT) token that only introspection can resolve, with the same defaults
     * as {@link #mint(Map)}.
     */
    public String mintOpaque(Map<String, ?> claims) {
        String token = randomToken();
        opaqueTokens.put(token, claimsWithDefaults(claims).toJSONObject());
        return token;
    }

    /** Revokes an opaque token: introspection then answers {@code active: false}. */
    public void revoke(String opaqueToken) {
        opaqueTokens.remove(opaqueToken);
    }

    /**
     * Starts a new key generation. With {@code keepPrevious} the old keys stay in the JWKS (not
     * used for signing); without it they disappear, so tokens signed with them stop verifying.
     */
    public void rotateKeys(boolean keepPrevious) {
        keys.rotate(keepPrevious);
    }

    /** When false, every endpoint answers 503 (an issuer outage); true restores service. */
    public void setAvailable(boolean available) {
        this.available = available;
    }

    /** How often {@code endpoint} was requested since start (including 503 answers). */
    public int hits(Endpoint endpoint) {
        return hits.get(endpoint).get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- used by DevIssuerEndpoints ----

    boolean available() {
        return available;
    }

    void countHit(Endpoint endpoint) {
        hits.get(endpoint).incrementAndGet();
    }

    DevClient authenticate(String clientId, String secret) {
        DevClient client = clientId == null ? null : clients.get(clientId);
        if (client == null || secret == null || !constantTimeEquals(client.secret(), secret)) {
            return null;
        }
        return client;
    }

    DevSigningKeys keys() {
        return keys;
    }

    Instant now() {
        return clock.instant();
    }

    Duration tokenLifetime() {
        return tokenLifetime;
    }

    Map<String, Object> metadata() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", issuer.toString());
        m.put("jwks_uri", jwksUri().toString());
        m.put("token_endpoint", tokenEndpoint().toString());
        m.put("introspection_endpoint", introspectionEndpoint().toString());
        m.put("grant_types_supported", java.util.List.of("client_credentials", TOKEN_EXCHANGE_GRANT));
        m.put("token_endpoint_auth_methods_supported", java.util.List.of("client_secret_basic", "client_secret_post"));
        m.put("id_token_signing_alg_values_supported", java.util.List.of("ES256", "RS256"));
        m.put("response_types_supported", java.util.List.of("token"));
        m.put("subject_types_supported", java.util.List.of("public"));
        m.put("code_challenge_methods_supported", java.util.List.of("S256"));
        return m;
    }

    /** Claims of an active token this issuer issued (JWT or opaque), or null. */
    Map<String, Object> introspect(String token) {
        Map<String, Object> claims;
        if (opaqueTokens.containsKey(token)) {
            claims = opaqueTokens.get(token);
        } else {
            JWTClaimsSet verified = keys.verifiedClaims(token);
            if (verified == null || !issuer.toString().equals(verified.getIssuer())) {
                return null;
            }
            claims = verified.toJSONObject();
        }
        Object exp = claims.get("exp");
        if (!(exp instanceof Number n) || n.longValue() <= now().getEpochSecond()) {
            return null;
        }
        return claims;
    }

    JWTClaimsSet claimsWithDefaults(Map<String, ?> claims) {
        Instant now = now();
        Map<String, Object> merged = new LinkedHashMap<>();
        merged.put("iss", issuer.toString());
        merged.put("iat", now);
        merged.put("exp", now.plus(tokenLifetime));
        merged.put("jti", randomToken());
        merged.putAll(claims);
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
        merged.forEach((name, value) -> {
            if (value instanceof Instant instant) {
                builder.claim(name, java.util.Date.from(instant));
            } else if (value instanceof Set<?> set) {
                builder.claim(name, java.util.List.copyOf(set));
            } else if (value != null) {
                builder.claim(name, value);
            }
        });
        return builder.build();
    }

    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static boolean constantTimeEquals(String a, String b) {
        return java.security.MessageDigest.isEqual(
                a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /**
     * Runs a dev issuer until killed. Options: {@code --port N} (default 0), {@code --client-id},
     * {@code --client-secret}, {@code --scopes "a b"}, {@code --audience URI}. Prints the issuer URL
     * and a client-credentials access token for the configured client in shell syntax.
     */
    public static void main(String[] args) throws InterruptedException {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("--port", "0");
        options.put("--client-id", "gatehouse-dev");
        options.put("--client-secret", "gatehouse-dev-secret");
        options.put("--scopes", "mcp:tools");
        options.put("--audience", "http://localhost:9090/mcp/demo");
        for (int i = 0; i < args.length; i++) {
            if (!options.containsKey(args[i]) || i + 1 >= args.length) {
                System.err.println("usage: DevOidcIssuer [--port N] [--client-id ID] [--client-secret S]"
                        + " [--scopes \"a b\"] [--audience URI]  (bad argument: " + args[i] + ")");
                System.exit(2);
            }
            options.put(args[i], args[++i]);
        }
        DevOidcIssuer issuer = start(Integer.parseInt(options.get("--port")));
        Set<String> scopes = Set.of(options.get("--scopes").trim().split("\\s+"));
        DevClient client = new DevClient(
                options.get("--client-id"), options.get("--client-secret"), scopes, options.get("--audience"));
        issuer.addClient(client);
        issuer.tokenLifetime(Duration.ofHours(12));
        String token = issuer.mint(Map.of(
                "sub", client.clientId(),
                "client_id", client.clientId(),
                "aud", client.defaultAudience(),
                "scope", String.join(" ", scopes)));
        System.out.println("DEV_OIDC_ISSUER=" + issuer.issuer());
        System.out.println("DEV_OIDC_TOKEN_ENDPOINT=" + issuer.tokenEndpoint());
        System.out.println("GATEHOUSE_MCP_TOKEN=" + token);
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(issuer::close));
        Thread.currentThread().join();
    }
}
