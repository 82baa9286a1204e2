package io.gatehouse.protocol.signing;

import java.time.Instant;

/**
 * The verified claims of a bundle envelope.
 *
 * @param keyId {@code kid} of the trust-set key that verified the signature
 * @param algorithm JWS algorithm (e.g. {@code ES256})
 * @param issuer control plane id ({@code iss})
 * @param tenant tenant id
 * @param audience data-plane group ({@code aud})
 * @param version bundle version ({@code ver})
 * @param schema bundle schema version
 * @param sha256 SHA-256 of the content, unpadded base64url
 * @param issuedAt {@code iat}
 * @param expiresAt {@code exp}
 */
public record BundleMetadata(
        String keyId,
        String algorithm,
        String issuer,
        String tenant,
        String audience,
        long version,
        int schema,
        String sha256,
        Instant issuedAt,
        Instant expiresAt) {}
