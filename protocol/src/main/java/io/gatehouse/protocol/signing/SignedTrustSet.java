package io.gatehouse.protocol.signing;

import java.util.Objects;

/**
 * A trust set with its compact JWS ({@code typ} {@value #TYPE_NAME}): what the control plane publishes on
 * {@code t-{tenant}/cfg/trust} and hands out at enrollment.
 */
public record SignedTrustSet(String compact, TrustSet trustSet) {

    /** {@code typ} of a signed trust set. */
    public static final String TYPE_NAME = "gatehouse-trust+jws";

    public SignedTrustSet {
        Objects.requireNonNull(compact, "compact");
        Objects.requireNonNull(trustSet, "trustSet");
    }

    public long version() {
        return trustSet.version();
    }
}
