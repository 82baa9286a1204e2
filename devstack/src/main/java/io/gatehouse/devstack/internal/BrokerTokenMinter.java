package io.gatehouse.devstack.internal;

import java.util.Optional;
import org.apache.pulsar.broker.authentication.utils.AuthTokenUtils;

/** Loaded only when the broker is on the classpath: mints with Pulsar's own {@link AuthTokenUtils}. */
final class BrokerTokenMinter {
    private BrokerTokenMinter() {}

    static String mint(byte[] secretKey, String role) {
        return AuthTokenUtils.createToken(AuthTokenUtils.decodeSecretKey(secretKey), role, Optional.empty());
    }
}
