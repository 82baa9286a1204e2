package io.gatehouse.devstack.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints Pulsar token-authentication JWTs (HS256, claim {@code sub} = role) with the broker's secret key.
 *
 * <p>When the broker is on the classpath this is Pulsar's own {@code AuthTokenUtils}; otherwise (a module that
 * uses the forked broker) the same compact JWS is built with the JDK's HMAC, byte for byte what
 * {@code AuthTokenUtils.createToken(key, role, Optional.empty())} produces (a unit test pins that).
 */
public final class PulsarTokens {
    /** Roles are Pulsar principal names; keep them to a safe, JSON-inert alphabet. */
    private static final Pattern ROLE = Pattern.compile("[A-Za-z0-9._:@*-]{1,128}");

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final byte[] secretKey;
    private final boolean useBroker;

    public PulsarTokens(byte[] secretKey) {
        this(secretKey, BrokerClasspath.isPresent());
    }

    PulsarTokens(byte[] secretKey, boolean useBroker) {
        Objects.requireNonNull(secretKey, "secretKey");
        if (secretKey.length < 32) {
            throw new IllegalArgumentException("secretKey: " + secretKey.length + " bytes (expected: >= 32 for HS256)");
        }
        this.secretKey = secretKey.clone();
        this.useBroker = useBroker;
    }

    /** A token variant that never uses the broker classes (tests pin equality with the broker's tokens). */
    public static PulsarTokens jdkOnly(byte[] secretKey) {
        return new PulsarTokens(secretKey, false);
    }

    public static String requireRole(String role) {
        Objects.requireNonNull(role, "role");
        if (!ROLE.matcher(role).matches()) {
            throw new IllegalArgumentException(
                    "role: '" + role + "' (expected: 1..128 characters of A-Z a-z 0-9 . _ : @ * -)");
        }
        return role;
    }

    /** A token for {@code role}, without expiry. */
    public String mint(String role) {
        requireRole(role);
        return useBroker ? BrokerTokenMinter.mint(secretKey, role) : mintWithJdk(role);
    }

    private String mintWithJdk(String role) {
        String header = B64URL.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8));
        String payload = B64URL.encodeToString(("{\"sub\":\"" + role + "\"}").getBytes(StandardCharsets.UTF_8));
        String signingInput = header + "." + payload;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secretKey, "HmacSHA256"));
            byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64URL.encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }
}
