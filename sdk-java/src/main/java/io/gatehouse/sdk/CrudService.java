package io.gatehouse.sdk;

import io.gatehouse.protocol.api.Versioned;
import java.util.Objects;

/**
 * A collection whose items can be replaced with {@code PUT}. Pass the version you read to
 * {@link #update(Versioned, Object)} and a concurrent change surfaces as
 * {@link PreconditionFailedException} instead of being overwritten.
 */
public class CrudService<Q, R extends Versioned> extends ResourceService<Q, R> {

    CrudService(HttpTransport transport, String path, Class<R> type) {
        super(transport, path, type);
    }

    /** Replaces the resource unconditionally. */
    public R update(String id, Q request) {
        return update(id, request, RequestOptions.NONE);
    }

    /** Replaces {@code current} if it is still at the version that was read (If-Match). */
    public R update(R current, Q request) {
        return update(current.id(), request, RequestOptions.ifMatch(current.version()));
    }

    public R update(String id, Q request, RequestOptions options) {
        Objects.requireNonNull(request, "request");
        return transport
                .send("PUT", item(id), null, request, options, one(), true)
                .body();
    }

    /** Deletes {@code current} if it is still at the version that was read (If-Match). */
    public void delete(R current) {
        delete(current.id(), RequestOptions.ifMatch(current.version()));
    }
}
