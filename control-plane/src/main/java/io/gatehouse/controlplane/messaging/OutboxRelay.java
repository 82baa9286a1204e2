package io.gatehouse.controlplane.messaging;

import io.dropwizard.lifecycle.Managed;
import io.gatehouse.controlplane.bundle.BundleService;
import io.gatehouse.controlplane.bundle.CompileException;
import io.gatehouse.controlplane.persistence.Db;
import io.gatehouse.protocol.fleet.ConfigMessages;
import io.gatehouse.protocol.fleet.TrustSetChain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.hibernate.Session;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay from PostgreSQL to Pulsar. One thread per control-plane replica; any number of replicas may run.
 * Each round:
 *
 * <ol>
 *   <li>provisions Pulsar tenants for new Gatehouse tenants (all tenants once at start) and subscribes the fleet
 *       ingest to their status topics;
 *   <li>advances due key rotations (activation queues a forced re-sign);
 *   <li>compiles every tenant with due outbox rows: claims the rows ({@code FOR UPDATE SKIP LOCKED}), compiles,
 *       signs and stores the new versions in the same transaction (under the tenant's compile lock);
 *   <li>sends every unpublished trust set and bundle, oldest first, and marks each published only after Pulsar
 *       acknowledged it (under the tenant's send lock, so one replica sends a tenant's versions in order). A bundle
 *       that Pulsar did not take stays unpublished and is retried with backoff.
 * </ol>
 *
 * It then sleeps until the next outbox row is due, or until {@code NOTIFY gh_outbox} (sent by every change and every
 * stored bundle, delivered at commit) wakes it — so a kill switch is compiled and sent without polling delay.
 */
public final class OutboxRelay implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration MAX_SLEEP = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    /** How to open the relay's own LISTEN connection (the application role). */
    public record ListenConnection(String url, String user, String password) {
        @Override
        public String toString() {
            return "ListenConnection[url=" + url + ", user=" + user + "]";
        }
    }

    private final Db db;
    private final BundleService bundles;
    private final BundleOutbox outbox;
    private final PulsarGateway pulsar;
    private final FleetStatusIngest ingest;
    private final ListenConnection listen;
    private final Clock clock;
    private final Set<UUID> provisioned = ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private Thread thread;
    private Connection connection;
    private Duration backoff = Duration.ZERO;
    private boolean provisionedAll;

    /**
     * @param pulsar null when Pulsar is not configured: bundles are compiled and signed, and wait unpublished
     * @param ingest null when Pulsar is not configured
     */
    public OutboxRelay(
            Db db,
            BundleService bundles,
            BundleOutbox outbox,
            PulsarGateway pulsar,
            FleetStatusIngest ingest,
            ListenConnection listen,
            Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.bundles = Objects.requireNonNull(bundles, "bundles");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.pulsar = pulsar;
        this.ingest = ingest;
        this.listen = Objects.requireNonNull(listen, "listen");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = Thread.ofPlatform().name("gatehouse-outbox-relay").daemon().start(this::loop);
    }

    @Override
    public synchronized void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(10_000);
        }
        closeConnection();
        if (pulsar != null) {
            pulsar.close();
        }
    }

    /**
     * Makes sure the tenant's Pulsar tenant exists and its status topic is ingested; called before a tenant's first
     * send and at enrollment. No-op without Pulsar.
     */
    public void ensureProvisioned(UUID tenantId) {
        if (pulsar == null || provisioned.contains(tenantId)) {
            return;
        }
        try {
            pulsar.provision(tenantId);
            subscribe(tenantId);
            db.inTenant(
                    tenantId,
                    session -> session.createNativeMutationQuery(
                                    "insert into pulsar_tenants (tenant_id, provisioned_at) values (:t, now())"
                                            + " on conflict (tenant_id) do nothing")
                            .setParameter("t", tenantId)
                            .executeUpdate());
            provisioned.add(tenantId);
        } catch (IOException | RuntimeException e) {
            throw new PulsarUnavailableException(
                    "cannot provision Pulsar for tenant " + tenantId + ": " + e.getMessage(), e);
        }
    }

    /** Thrown when Pulsar cannot be reached or refuses an admin call. */
    public static final class PulsarUnavailableException extends RuntimeException {
        PulsarUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private void subscribe(UUID tenantId) {
        pulsar.subscribeStatus(tenantId, (consumer, message) -> ingest.handle(tenantId, consumer, message));
    }

    private void loop() {
        while (running) {
            boolean failed = false;
            try {
                ensureListening();
                if (pulsar != null) {
                    provisionTenants();
                }
                advanceRotations();
                compileDue();
                if (pulsar != null) {
                    failed = !sendUnpublished();
                }
            } catch (RuntimeException | SQLException e) {
                failed = true;
                LOG.warn("outbox relay round failed: {}", e.getMessage());
                closeConnection();
            }
            backoff = failed
                    ? (backoff.isZero() ? Duration.ofMillis(100) : min(backoff.multipliedBy(2), MAX_BACKOFF))
                    : Duration.ZERO;
            try {
                waitForWork();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException | RuntimeException e) {
                closeConnection();
                sleepQuietly(MAX_SLEEP);
            }
        }
    }

    private void provisionTenants() {
        List<UUID> tenants =
                db.system(session -> session.createNativeQuery("select tenant_id from gh_tenant_ids(:only)", UUID.class)
                        .setParameter("only", provisionedAll)
                        .getResultList());
        for (UUID tenant : tenants) {
            provisioned.remove(tenant);
            ensureProvisioned(tenant);
        }
        provisionedAll = true;
        provisioned.forEach(this::subscribe); // retries subscriptions that failed
    }

    private void advanceRotations() {
        for (UUID tenant : tenants("select tenant_id from gh_key_rotations_due()")) {
            db.inTenant(tenant, session -> {
                if (bundles.keys().advance(session, tenant)) {
                    outbox.enqueue(session, tenant, "key-rotation", true, true);
                }
                return null;
            });
        }
    }

    private void compileDue() {
        for (UUID tenant : tenants("select tenant_id from gh_outbox_due_tenants()")) {
            db.inTenant(tenant, session -> {
                TenantLock.compile(session, tenant);
                BundleOutbox.Claim claim = BundleOutbox.claim(session);
                if (claim.rows() == 0) {
                    return null;
                }
                try {
                    bundles.compile(session, tenant, claim.resign() ? "RESIGN" : "CHANGE", claim.resign(), null, null);
                } catch (CompileException | BundleService.BundleTooLargeException e) {
                    // the claimed rows are consumed: the next change retries; agents keep the previous bundle
                    LOG.warn("tenant {}: bundle not compiled: {}", tenant, e.getMessage());
                }
                return null;
            });
        }
    }

    /** Sends what is unpublished; false if Pulsar refused or timed out (the rows stay for the next round). */
    private boolean sendUnpublished() {
        boolean ok = true;
        for (UUID tenant : tenants("select tenant_id from gh_unpublished_tenants()")) {
            ensureProvisioned(tenant);
            ok &= db.inTenant(tenant, session -> send(session, tenant));
        }
        return ok;
    }

    private boolean send(Session session, UUID tenant) {
        if (!TenantLock.trySend(session, tenant)) {
            return true;
        }
        List<Long> trust = session.createNativeQuery(
                        "select version from trust_sets where published_at is null order by version", Long.class)
                .getResultList();
        if (!trust.isEmpty()) {
            List<String> chain = session.createNativeQuery("select jws from trust_sets order by version", String.class)
                    .getResultList();
            byte[] value = TrustSetJson.write(new TrustSetChain(chain)).getBytes(StandardCharsets.UTF_8);
            try {
                pulsar.sendConfig(tenant, ConfigMessages.TRUST_SET_KEY, ConfigMessages.TYPE_TRUST_SET, value);
            } catch (Exception e) {
                LOG.warn("tenant {}: trust set not published yet: {}", tenant, e.getMessage());
                return false;
            }
            session.createNativeMutationQuery("update trust_sets set published_at = now() where published_at is null")
                    .executeUpdate();
        }
        List<Object[]> pending = session.createNativeQuery(
                        "select group_id, version, jws from bundles where published_at is null"
                                + " order by created_at, version for update skip locked",
                        Object[].class)
                .getResultList();
        for (Object[] row : pending) {
            UUID group = (UUID) row[0];
            long version = ((Number) row[1]).longValue();
            try {
                pulsar.sendConfig(
                        tenant,
                        group.toString(),
                        ConfigMessages.TYPE_BUNDLE,
                        ((String) row[2]).getBytes(StandardCharsets.UTF_8));
            } catch (Exception e) {
                String error = e.getClass().getSimpleName() + ": " + e.getMessage();
                session.createNativeMutationQuery("update bundles set publish_attempts = publish_attempts + 1,"
                                + " last_error = :e where group_id = :g and version = :v")
                        .setParameter("e", error.length() > 500 ? error.substring(0, 500) : error)
                        .setParameter("g", group)
                        .setParameter("v", version)
                        .executeUpdate();
                LOG.warn("tenant {} group {}: bundle v{} not published yet: {}", tenant, group, version, error);
                return false;
            }
            session.createNativeMutationQuery("update bundles set published_at = now(), last_error = null"
                            + " where group_id = :g and version = :v")
                    .setParameter("g", group)
                    .setParameter("v", version)
                    .executeUpdate();
        }
        return true;
    }

    private List<UUID> tenants(String sql) {
        return db.system(session -> session.createNativeQuery(sql, UUID.class).getResultList());
    }

    private void waitForWork() throws SQLException, InterruptedException {
        Duration sleep = MAX_SLEEP;
        OffsetDateTime nextDue =
                db.system(session -> session.createNativeQuery("select gh_outbox_next_due()", OffsetDateTime.class)
                        .getSingleResult());
        if (nextDue != null) {
            Duration untilDue = Duration.between(clock.instant(), nextDue.toInstant());
            sleep = min(sleep, untilDue.isNegative() ? Duration.ZERO : untilDue);
        }
        if (!backoff.isZero()) {
            sleep = backoff;
        }
        // at least a few milliseconds: a due row that another replica holds must not spin this thread
        drainNotifications((int) Math.max(5, sleep.toMillis()));
    }

    private void drainNotifications(int timeoutMillis) throws SQLException, InterruptedException {
        if (connection == null) {
            Thread.sleep(Math.max(1, timeoutMillis));
            return;
        }
        connection.unwrap(PGConnection.class).getNotifications(timeoutMillis);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }

    private void ensureListening() throws SQLException {
        if (connection != null) {
            return;
        }
        connection = DriverManager.getConnection(listen.url(), listen.user(), listen.password());
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + BundleOutbox.CHANNEL);
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already broken
            }
            connection = null;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
