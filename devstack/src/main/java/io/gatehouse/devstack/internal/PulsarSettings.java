package io.gatehouse.devstack.internal;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How to start a broker.
 *
 * @param workDir private directory for the bookie's data (and, when {@code persistent}, the metadata)
 * @param clusterName the Pulsar cluster name the broker registers
 * @param tokenAuth token authentication + authorization settings, or empty for an open broker
 * @param persistent keep the metadata (tenants, namespaces, topics, ledgers, cursors) in RocksDB under the work
 *     dir instead of in memory, and leave the work dir in place on close, so that a new broker started on the
 *     same work dir and {@code ports} finds everything again; the owner deletes the work dir
 * @param ports the ports to bind; 0 = ephemeral
 */
public record PulsarSettings(
        Path workDir, String clusterName, Optional<TokenAuth> tokenAuth, boolean persistent, BrokerPorts ports) {
    public PulsarSettings {
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(tokenAuth, "tokenAuth");
        Objects.requireNonNull(ports, "ports");
    }

    /** A throw-away broker on ephemeral ports whose work dir is deleted on close. */
    public PulsarSettings(Path workDir, String clusterName, Optional<TokenAuth> tokenAuth) {
        this(workDir, clusterName, tokenAuth, false, BrokerPorts.EPHEMERAL);
    }

    /** The same settings on the given ports (a restart binds what the first start was given by the OS). */
    public PulsarSettings withPorts(BrokerPorts ports) {
        return new PulsarSettings(workDir, clusterName, tokenAuth, persistent, ports);
    }

    /**
     * The three ports of a broker + bookie on 127.0.0.1; 0 = let the OS (or, for the bookie, devstack) choose.
     *
     * @param broker the binary protocol port ({@code pulsar://})
     * @param web the admin REST port ({@code http://})
     * @param bookie the bookie's port (its identity in the ledgers' metadata, so a restart must keep it)
     */
    public record BrokerPorts(int broker, int web, int bookie) {
        public static final BrokerPorts EPHEMERAL = new BrokerPorts(0, 0, 0);

        public BrokerPorts {
            Ports.requireValid("broker", broker);
            Ports.requireValid("web", web);
            Ports.requireValid("bookie", bookie);
        }
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
