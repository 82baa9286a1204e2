package io.gatehouse.protocol.api;

import java.time.Instant;

/**
 * One compiled, signed bundle of a data-plane group ({@code GET /api/v1/bundles}).
 *
 * @param groupId the data-plane group (the bundle's audience)
 * @param version strictly increasing per group
 * @param kind {@code CHANGE} (auto-published after a change), {@code PUBLISH} (explicit), {@code ROLLBACK} (old
 *     content under this new version, see {@code rollbackOf}) or {@code RESIGN} (same content, new signing key)
 * @param rollbackOf for a rollback, the version whose content this is; else null
 * @param sha256 SHA-256 (base64url) of the canonical bundle content, as in the signed envelope
 * @param keyId the signing key ({@code kid})
 * @param createdAt when it was compiled and signed
 * @param expiresAt the envelope's {@code exp}
 * @param createdBy the member who published or rolled back; null for automatic publishes
 * @param publishedAt when Pulsar acknowledged it; null while it waits in the outbox
 * @param lastError the last publish failure while it waits, else null
 */
public record BundleVersion(
        String groupId,
        long version,
        String kind,
        Long rollbackOf,
        String sha256,
        String keyId,
        Instant createdAt,
        Instant expiresAt,
        String createdBy,
        Instant publishedAt,
        String lastError) {}
