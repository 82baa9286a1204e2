package io.gatehouse.sdk;

import com.fasterxml.jackson.core.type.TypeReference;
import io.gatehouse.protocol.api.Page;
import io.gatehouse.protocol.api.SigningKey;

/** {@code /api/v1/signing-keys}: the tenant's bundle-signing keys and their rotation. */
public final class SigningKeysService {
    private static final TypeReference<SigningKey> KEY = new TypeReference<>() {};

    private final HttpTransport transport;
    private final ResourceService<Void, SigningKey> keys;

    SigningKeysService(HttpTransport transport) {
        this.transport = transport;
        this.keys = new ResourceService<>(transport, "/api/v1/signing-keys", SigningKey.class);
    }

    public Page<SigningKey> list() {
        return keys.list();
    }

    /**
     * Publishes a new signing key in the next trust set; it starts signing after the propagation window (current
     * bundles are re-signed) and the old key is retired one window later.
     */
    public SigningKey rotate() {
        return transport
                .send("POST", "/api/v1/signing-keys:rotate", null, null, RequestOptions.NONE, KEY, false)
                .body();
    }
}
