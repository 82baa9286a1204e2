package io.gatehouse.devstack.internal;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How to start a broker.
 *
 * @param workDir private directory for the bookie's data, owned (deleted) by the runtime
 * @param clusterName the Pulsar cluster name the broker registers
 * @param tokenAuth token authentication + authorization settings, or empty for an open broker
 */
public record PulsarSettings(Path workDir, String clusterName, Optional<TokenAuth> tokenAuth) {
    public PulsarSettings {
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(tokenAuth, "tokenAuth");
    }

    /**
     * @param secretKey the HS256 secret key shared by broker and token minter (at least 32 bytes)
     * @param superUserRole the role that administers the broker (its own internal client uses it too)
     */
    public record TokenAuth(byte[] secretKey, String superUserRole) {
        public TokenAuth {
            Objects.requireNonNull(secretKey, "secretKey");
            PulsarTokens.requireRole(superUserRole);
            secretKey = secretKey.clone();
        }

        @Override
        public byte[] secretKey() {
            return secretKey.clone();
        }

        @Override
        public String toString() {
            return "TokenAuth[superUserRole=" + superUserRole + ", secretKey=<redacted>]";
        }
    }
}
