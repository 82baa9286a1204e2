package io.gatehouse.controlplane.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Bearer secrets: 256 random bits behind a prefix that tells their kind ({@code ghs_} session,
 * {@code gha_} API token, {@code ghi_} invitation, {@code ghe_} enrollment). Only their SHA-256 is
 * stored; the secret is shown once.
 */
public final class Tokens {
    public static final String SESSION = "ghs_";
    public static final String API = "gha_";
    public static final String INVITATION = "ghi_";
    public static final String ENROLLMENT = "ghe_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {}

    public static String generate(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Whether a string has the shape of one of our tokens (cheap pre-check before a lookup). */
    public static boolean wellFormed(String token, String prefix) {
        return token != null
                && token.length() == prefix.length() + 43
                && token.startsWith(prefix)
                && token.substring(prefix.length())
                        .chars()
                        .allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_');
    }
}
