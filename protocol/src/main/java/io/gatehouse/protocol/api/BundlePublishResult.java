package io.gatehouse.protocol.api;

import java.util.List;

/** Answer of {@code POST /api/v1/bundles:publish}: the versions compiled and signed (sent to Pulsar right after). */
public record BundlePublishResult(List<BundleVersion> items) {
    public BundlePublishResult {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
