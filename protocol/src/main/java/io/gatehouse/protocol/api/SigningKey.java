package io.gatehouse.protocol.api;

import java.time.Instant;

/**
 * A bundle-signing key of the tenant ({@code GET /api/v1/signing-keys}); the private part never leaves the control
 * plane (sealed under its master key).
 *
 * @param kid RFC 7638 thumbprint
 * @param state {@code PUBLISHED} (in the trust set, not signing yet), {@code ACTIVE} (signs), {@code RETIRING}
 *     (replaced, still trusted until the propagation window passes) or {@code RETIRED} (removed from the trust set)
 */
public record SigningKey(String kid, String state, Instant publishedAt, Instant activatedAt, Instant retiredAt) {}
