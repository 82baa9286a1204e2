package io.gatehouse.protocol.api;

import java.time.Instant;

/**
 * An enrolled data-plane agent ({@code GET /api/v1/data-planes}).
 *
 * @param id agent id (also its Pulsar producer name)
 * @param name the name it enrolled with
 * @param groupId its data-plane group
 * @param keyId RFC 7638 thumbprint of its public key
 * @param agentVersion its software version (as last reported)
 * @param state pending, online, offline or revoked
 * @param enrolledAt enrollment time
 * @param lastSeenAt when its last status message arrived; null if none yet
 * @param startedAt when its process started (as reported)
 * @param appliedVersion the bundle version it enforces (0 = none)
 * @param desiredVersion the latest bundle version published for its group (0 = none)
 * @param drift true when applied and desired differ
 * @param lastReject the last bundle it refused, or null
 * @param revokedAt when it was revoked, else null
 * @param version ETag
 */
public record DataPlane(
        String id,
        String name,
        String groupId,
        String keyId,
        String agentVersion,
        DataPlaneState state,
        Instant enrolledAt,
        Instant lastSeenAt,
        Instant startedAt,
        long appliedVersion,
        long desiredVersion,
        boolean drift,
        DataPlaneReject lastReject,
        Instant revokedAt,
        long version)
        implements Versioned {}
