package io.gatehouse.sdk;

import com.fasterxml.jackson.core.type.TypeReference;
import io.gatehouse.protocol.api.BundlePublishRequest;
import io.gatehouse.protocol.api.BundlePublishResult;
import io.gatehouse.protocol.api.BundleRollbackRequest;
import io.gatehouse.protocol.api.BundleVersion;
import io.gatehouse.protocol.api.Page;
import java.util.Objects;

/** {@code /api/v1/bundles}: bundle history, explicit publish and rollback. */
public final class BundlesService {
    private static final TypeReference<BundlePublishResult> PUBLISHED = new TypeReference<>() {};
    private static final TypeReference<BundleVersion> VERSION = new TypeReference<>() {};

    private final HttpTransport transport;
    private final ResourceService<Void, BundleVersion> history;

    BundlesService(HttpTransport transport) {
        this.transport = transport;
        this.history = new ResourceService<>(transport, "/api/v1/bundles", BundleVersion.class);
    }

    /** History, newest first; filter {@code groupId}. */
    public Page<BundleVersion> list(ListParams params) {
        return history.list(params);
    }

    public Iterable<BundleVersion> listAll(ListParams params) {
        return history.listAll(params);
    }

    /** Compiles and signs a new version for every group now (no debounce), even without changes. */
    public BundlePublishResult publish() {
        return publish(new BundlePublishRequest(null));
    }

    /** Compiles and signs a new version now for {@code request.groupId()} (null: every group). */
    public BundlePublishResult publish(BundlePublishRequest request) {
        return transport
                .send("POST", "/api/v1/bundles:publish", null, request, RequestOptions.NONE, PUBLISHED, false)
                .body();
    }

    /** Publishes the content of {@code version} of {@code groupId} again under a new, higher version. */
    public BundleVersion rollback(String groupId, long version) {
        Objects.requireNonNull(groupId, "groupId");
        return transport
                .send(
                        "POST",
                        "/api/v1/bundles:rollback",
                        null,
                        new BundleRollbackRequest(groupId, version),
                        RequestOptions.NONE,
                        VERSION,
                        false)
                .body();
    }
}
