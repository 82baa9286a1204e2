package io.gatehouse.devstack.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.bookkeeper.common.allocator.PoolingPolicy;
import org.apache.bookkeeper.conf.ServerConfiguration;
import org.apache.pulsar.broker.PulsarService;
import org.apache.pulsar.broker.ServiceConfiguration;
import org.apache.pulsar.broker.authentication.AuthenticationProviderToken;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.admin.PulsarAdminBuilder;
import org.apache.pulsar.client.api.AuthenticationFactory;
import org.apache.pulsar.common.policies.data.ClusterData;
import org.apache.pulsar.common.policies.data.TopicType;
import org.apache.pulsar.metadata.bookkeeper.BKCluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bookie ({@link BKCluster}) and one {@link PulsarService} in this JVM, on ephemeral ports unless
 * {@link PulsarSettings#ports()} pins them, data under the private {@link PulsarSettings#workDir()}. The metadata
 * store is in memory ({@code memory:}), or, for a {@link PulsarSettings#persistent()} broker, RocksDB under the
 * work dir ({@code rocksdb:}, as Pulsar standalone does) next to a bookie that journals its entries, so a broker
 * started again on the same work dir and ports finds its tenants, topics, ledgers and cursors. Needs
 * {@code pulsar-broker} on the classpath, which devstack declares optional: see {@link ForkedPulsar} for everyone
 * else.
 */
public final class InProcessPulsar implements PulsarRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(InProcessPulsar.class);

    private final PulsarSettings settings;
    private final BKCluster bookies;
    private final PulsarService broker;
    private final int bookiePort;
    private boolean closed;

    private InProcessPulsar(PulsarSettings settings, BKCluster bookies, PulsarService broker, int bookiePort) {
        this.settings = settings;
        this.bookies = bookies;
        this.broker = broker;
        this.bookiePort = bookiePort;
    }

    public static InProcessPulsar start(PulsarSettings settings) {
        if (!BrokerClasspath.isPresent()) {
            throw new IllegalStateException("pulsar-broker is not on this classpath (devstack declares it optional); "
                    + "start Pulsar forked instead: EmbeddedPulsar.builder().forked(true)");
        }
        Log4jSetup.quietJavaUtilLogging();
        BKCluster bookies = null;
        PulsarService broker = null;
        try {
            Path metadataDir = settings.workDir().resolve("metadata");
            // a persistent broker started again on its work dir keeps the bookie's data: its ledgers are the topics
            boolean fresh = !settings.persistent() || !Files.isDirectory(metadataDir);
            String metadataUrl = settings.persistent()
                    ? "rocksdb:" + Files.createDirectories(metadataDir).toAbsolutePath()
                    : "memory:gatehouse-" + UUID.randomUUID();
            // the bookie's address is its identity in the ledgers' metadata: a persistent one must keep its port
            int bookiePort = settings.ports().bookie() != 0
                    ? settings.ports().bookie()
                    : settings.persistent() ? Ports.freePort() : 0;
            Path bookieDir = Files.createDirectories(settings.workDir().resolve("bookie"));
            bookies = BKCluster.builder()
                    .baseServerConfiguration(bookieConfiguration(settings.persistent()))
                    .metadataServiceUri(metadataUrl)
                    .dataDir(bookieDir.toString())
                    .numBookies(1)
                    .bkPort(bookiePort)
                    .clearOldData(fresh)
                    .build();
            ServiceConfiguration config = brokerConfiguration(metadataUrl, settings);
            broker = new PulsarService(
                    config,
                    Optional.empty(),
                    exitCode -> LOG.error(
                            "Pulsar broker asked to terminate the process with exit code {}; devstack keeps the JVM alive",
                            exitCode));
            broker.start();
            InProcessPulsar pulsar = new InProcessPulsar(settings, bookies, broker, bookiePort);
            pulsar.registerCluster();
            return pulsar;
        } catch (Exception e) {
            closeQuietly(broker, bookies);
            if (!settings.persistent()) {
                deleteQuietly(settings.workDir());
            }
            throw new IllegalStateException("in-process Pulsar failed to start: " + e, e);
        }
    }

    @SuppressWarnings("deprecation") // the journal switches have no replacement in BookKeeper 4.17
    private static ServerConfiguration bookieConfiguration(boolean persistent) {
        ServerConfiguration bk = new ServerConfiguration();
        bk.setProperty("dbStorage_writeCacheMaxSizeMb", 32);
        bk.setProperty("dbStorage_readAheadCacheMaxSizeMb", 4);
        bk.setProperty("dbStorage_rocksDB_writeBufferSizeMB", 4);
        bk.setProperty("dbStorage_rocksDB_blockCacheSize", 4 * 1024 * 1024);
        bk.setJournalSyncData(false);
        // a persistent bookie journals its entries (to the page cache, no fsync): what it acknowledged survives
        // the process being killed before its ledger storage was flushed; a throw-away one skips the journal
        bk.setJournalWriteData(persistent);
        bk.setProperty("journalMaxGroupWaitMSec", 0L);
        bk.setProperty("journalPreAllocSizeMB", 1);
        bk.setFlushInterval(60_000);
        bk.setGcWaitTime(60_000);
        bk.setAllowLoopback(true);
        bk.setAdvertisedAddress("127.0.0.1");
        bk.setAllowEphemeralPorts(true);
        bk.setNumAddWorkerThreads(0);
        bk.setNumReadWorkerThreads(0);
        bk.setNumHighPriorityWorkerThreads(0);
        bk.setNumJournalCallbackThreads(0);
        bk.setServerNumIOThreads(1);
        bk.setNumLongPollWorkerThreads(1);
        bk.setAllocatorPoolingPolicy(PoolingPolicy.UnpooledHeap);
        bk.setLedgerStorageClass("org.apache.bookkeeper.bookie.storage.ldb.DbLedgerStorage");
        return bk;
    }

    private static ServiceConfiguration brokerConfiguration(String metadataUrl, PulsarSettings settings) {
        ServiceConfiguration config = new ServiceConfiguration();
        config.setMetadataStoreUrl(metadataUrl);
        config.setConfigurationMetadataStoreUrl(metadataUrl);
        config.setClusterName(settings.clusterName());
        config.setBindAddress("127.0.0.1");
        config.setAdvertisedAddress("127.0.0.1");
        config.setBrokerServicePort(Optional.of(settings.ports().broker()));
        config.setWebServicePort(Optional.of(settings.ports().web()));
        config.setManagedLedgerDefaultEnsembleSize(1);
        config.setManagedLedgerDefaultWriteQuorum(1);
        config.setManagedLedgerDefaultAckQuorum(1);
        config.setDefaultNumberOfNamespaceBundles(1);
        // a persistent broker unloads its topics on close, so cursors and deduplication state are written out
        config.setBrokerShutdownTimeoutMs(settings.persistent() ? 20_000L : 0L);
        if (settings.persistent()) {
            // every acknowledgement is written to the cursor before its receipt goes back (the default rate limit
            // of one cursor write per second keeps later ones in memory, and a stop may then redeliver them)
            config.setManagedLedgerDefaultMarkDeleteRateLimit(0);
        }
        config.setLoadBalancerEnabled(false);
        config.setLoadBalancerOverrideBrokerNicSpeedGbps(Optional.of(1.0d));
        config.setForceDeleteNamespaceAllowed(true);
        config.setForceDeleteTenantAllowed(true);
        config.setBrokerDeleteInactiveTopicsEnabled(false);
        config.setAllowAutoTopicCreationType(TopicType.NON_PARTITIONED);
        config.setActiveConsumerFailoverDelayTimeMillis(0);
        config.setManagedLedgerCacheSizeMB(8);
        config.setBookkeeperNumberOfChannelsPerBookie(1);
        config.setBookkeeperClientExposeStatsToPrometheus(false);
        config.setNumExecutorThreadPoolSize(4);
        config.setNumIOThreads(2);
        config.setNumOrderedExecutorThreads(2);
        config.setNumHttpServerThreads(4);
        config.setBookkeeperClientNumWorkerThreads(2);
        config.setBookkeeperClientNumIoThreads(2);
        config.setNumCacheExecutorThreadPoolSize(1);
        config.setManagedLedgerNumSchedulerThreads(2);
        config.setTopicOrderedExecutorThreadNum(4);
        settings.tokenAuth().ifPresent(auth -> enableTokenAuth(config, auth));
        return config;
    }

    private static void enableTokenAuth(ServiceConfiguration config, PulsarSettings.TokenAuth auth) {
        byte[] key = auth.secretKey();
        config.setAuthenticationEnabled(true);
        config.setAuthenticationProviders(Set.of(AuthenticationProviderToken.class.getName()));
        config.setAuthorizationEnabled(true);
        config.setSuperUserRoles(Set.of(auth.superUserRole()));
        config.getProperties()
                .setProperty(
                        "tokenSecretKey", "data:;base64," + Base64.getEncoder().encodeToString(key));
        // The broker's own client (compaction, namespace service) talks to itself as the super-user.
        config.setBrokerClientAuthenticationPlugin("org.apache.pulsar.client.impl.auth.AuthenticationToken");
        config.setBrokerClientAuthenticationParameters("token:" + new PulsarTokens(key).mint(auth.superUserRole()));
    }

    private void registerCluster() throws Exception {
        try (PulsarAdmin admin = adminBuilder().build()) {
            if (admin.clusters().getClusters().contains(settings.clusterName())) {
                return; // a persistent broker started again on its own work dir and ports
            }
            admin.clusters()
                    .createCluster(
                            settings.clusterName(),
                            ClusterData.builder()
                                    .serviceUrl(webServiceUrl())
                                    .brokerServiceUrl(brokerServiceUrl())
                                    .build());
        }
    }

    private PulsarAdminBuilder adminBuilder() {
        PulsarAdminBuilder builder = PulsarAdmin.builder().serviceHttpUrl(webServiceUrl());
        settings.tokenAuth()
                .ifPresent(auth -> builder.authentication(
                        AuthenticationFactory.token(new PulsarTokens(auth.secretKey()).mint(auth.superUserRole()))));
        return builder;
    }

    @Override
    public String brokerServiceUrl() {
        return broker.getBrokerServiceUrl();
    }

    @Override
    public String webServiceUrl() {
        return broker.getWebServiceAddress();
    }

    /** The bookie's port (the broker's ports are in its URLs). */
    public int bookiePort() {
        return bookiePort;
    }

    @Override
    public Optional<ProcessHandle> process() {
        return Optional.empty();
    }

    @Override
    public Path workDir() {
        return settings.workDir();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(broker, bookies);
        if (!settings.persistent()) {
            deleteQuietly(settings.workDir());
        }
    }

    private static void closeQuietly(PulsarService broker, BKCluster bookies) {
        if (broker != null) {
            try {
                broker.close();
            } catch (Exception e) {
                LOG.warn("Pulsar broker did not close cleanly: {}", e.toString());
            }
        }
        if (bookies != null) {
            try {
                bookies.close();
            } catch (Exception e) {
                LOG.warn("bookie did not close cleanly: {}", e.toString());
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            TempDirs.deleteRecursively(dir);
        } catch (IOException e) {
            LOG.warn("could not delete Pulsar work directory {}: {}", dir, e.toString());
        }
    }
}
