package io.gatehouse.protocol.bundle;

import static io.gatehouse.protocol.bundle.Checks.ID;
import static io.gatehouse.protocol.bundle.Checks.matching;
import static io.gatehouse.protocol.bundle.Checks.required;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * Identity of one bundle: whose it is, which data-plane group it is for, and which version.
 *
 * @param tenantId the tenant the bundle belongs to
 * @param group the data-plane group (the audience of the signed envelope)
 * @param version strictly increasing per tenant and group, starting at 1
 * @param schemaVersion the bundle format version; this code reads {@link #SCHEMA_VERSION}
 * @param issuedAt when the control plane compiled it
 * @param expiresAt after this instant a data plane no longer accepts it as new
 */
public record BundleMetadata(
        String tenantId,
        String group,
        @JsonProperty(required = true) long version,
        @JsonProperty(required = true) int schemaVersion,
        Instant issuedAt,
        Instant expiresAt) {

    public static final int SCHEMA_VERSION = 1;

    public BundleMetadata {
        matching(tenantId, ID, "tenantId");
        matching(group, ID, "group");
        if (version < 1) {
            throw new IllegalArgumentException("version: " + version + " (expected: >= 1)");
        }
        if (schemaVersion != SCHEMA_VERSION) {
            throw new IllegalArgumentException(
                    "schemaVersion: " + schemaVersion + " (expected: " + SCHEMA_VERSION + ")");
        }
        required(issuedAt, "issuedAt");
        required(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException(
                    "expiresAt: " + expiresAt + " (expected: after issuedAt " + issuedAt + ")");
        }
    }
}
