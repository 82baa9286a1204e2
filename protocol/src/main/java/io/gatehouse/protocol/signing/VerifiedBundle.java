package io.gatehouse.protocol.signing;

import java.time.Instant;
import java.util.Objects;

/**
 * A bundle whose envelope passed every check: its metadata and the exact content bytes that were hashed.
 *
 * @param expired only {@link BundleVerifier#verifyLastKnownGood} can return {@code true} here; the agent keeps
 *     enforcing an expired last-known-good bundle and reports it as stale
 */
public record VerifiedBundle(BundleMetadata metadata, byte[] content, boolean expired) {

    public VerifiedBundle {
        Objects.requireNonNull(metadata, "metadata");
        content = Objects.requireNonNull(content, "content").clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    /** Whether {@code at} is past the bundle's {@code exp}. */
    public boolean isExpiredAt(Instant at) {
        return at.isAfter(metadata.expiresAt());
    }

    @Override
    public String toString() {
        return "VerifiedBundle[" + metadata + ", contentBytes=" + content.length + ", expired=" + expired + "]";
    }
}
