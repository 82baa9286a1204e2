package io.gatehouse.protocol.signing;

import java.time.Instant;
import java.util.Objects;

/**
 * What the control plane signs: the canonical bundle content (opaque bytes) and its addressing. Times are
 * carried in whole seconds on the wire (JWT NumericDate); sub-second parts are dropped when signing.
 *
 * @param content canonical bundle JSON (owned by the bundle codec)
 * @param tenant tenant id
 * @param audience the data-plane group (or agent) the bundle is for
 * @param version strictly increasing per tenant and audience, ≥ 1
 * @param schema bundle schema version, ≥ 1
 * @param issuedAt signing time
 * @param expiresAt end of the freshness window, after {@code issuedAt}
 */
public record BundleRequest(
        byte[] content, String tenant, String audience, long version, int schema, Instant issuedAt, Instant expiresAt) {

    public BundleRequest {
        Objects.requireNonNull(content, "content");
        Claims.requireId("tenant", tenant);
        Claims.requireId("audience", audience);
        if (version < 1 || version > CanonicalJson.MAX_SAFE_INTEGER) {
            throw new IllegalArgumentException(
                    "version: " + version + " (expected: 1.." + CanonicalJson.MAX_SAFE_INTEGER + ")");
        }
        if (schema < 1) {
            throw new IllegalArgumentException("schema: " + schema + " (expected: >= 1)");
        }
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (expiresAt.getEpochSecond() <= issuedAt.getEpochSecond()) {
            throw new IllegalArgumentException(
                    "expiresAt: " + expiresAt + " (expected: after issuedAt " + issuedAt + " by at least 1 s)");
        }
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    @Override
    public String toString() {
        return "BundleRequest[tenant=" + tenant + ", audience=" + audience + ", version=" + version + ", schema="
                + schema + ", contentBytes=" + content.length + "]";
    }
}
