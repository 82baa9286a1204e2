package io.gatehouse.devstack;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The embedded infrastructure of {@code ./gatehouse dev}, started together: PostgreSQL (with one application
 * database), Pulsar and Redis, each optional. {@link #environment()} gives the connection details under the
 * stable {@code GATEHOUSE_*} names below; {@link #close()} stops everything in reverse order.
 */
public final class DevStack implements AutoCloseable {
    public static final String PG_URL = "GATEHOUSE_PG_URL";
    public static final String PG_USER = "GATEHOUSE_PG_USER";
    public static final String PG_PASSWORD = "GATEHOUSE_PG_PASSWORD";
    public static final String PG_PORT = "GATEHOUSE_PG_PORT";
    public static final String PULSAR_URL = "GATEHOUSE_PULSAR_URL";
    public static final String PULSAR_HTTP_URL = "GATEHOUSE_PULSAR_HTTP_URL";
    public static final String PULSAR_CLUSTER = "GATEHOUSE_PULSAR_CLUSTER";
    public static final String PULSAR_ADMIN_ROLE = "GATEHOUSE_PULSAR_ADMIN_ROLE";
    public static final String PULSAR_ADMIN_TOKEN = "GATEHOUSE_PULSAR_ADMIN_TOKEN";
    public static final String PULSAR_TOKEN_SECRET = "GATEHOUSE_PULSAR_TOKEN_SECRET";
    public static final String REDIS_URL = "GATEHOUSE_REDIS_URL";

    private final Optional<EmbeddedPostgres> postgres;
    private final Optional<EmbeddedPulsar> pulsar;
    private final Optional<EmbeddedRedis> redis;
    private final String database;
    private boolean closed;

    private DevStack(
            Optional<EmbeddedPostgres> postgres,
            Optional<EmbeddedPulsar> pulsar,
            Optional<EmbeddedRedis> redis,
            String database) {
        this.postgres = postgres;
        this.pulsar = pulsar;
        this.redis = redis;
        this.database = database;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<EmbeddedPostgres> postgres() {
        return postgres;
    }

    public Optional<EmbeddedPulsar> pulsar() {
        return pulsar;
    }

    public Optional<EmbeddedRedis> redis() {
        return redis;
    }

    /** The application database created in PostgreSQL. */
    public String database() {
        return database;
    }

    /** Connection details of the running components, in a stable order; contains secrets (passwords, tokens). */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        postgres.ifPresent(pg -> {
            env.put(PG_URL, pg.jdbcUrl(database));
            env.put(PG_USER, pg.superuser());
            env.put(PG_PASSWORD, pg.password());
            env.put(PG_PORT, Integer.toString(pg.port()));
        });
        pulsar.ifPresent(p -> {
            env.put(PULSAR_URL, p.brokerServiceUrl());
            env.put(PULSAR_HTTP_URL, p.webServiceUrl());
            env.put(PULSAR_CLUSTER, EmbeddedPulsar.CLUSTER);
            if (p.tokenAuthEnabled()) {
                env.put(PULSAR_ADMIN_ROLE, p.superUserRole());
                env.put(PULSAR_ADMIN_TOKEN, p.superUserToken());
                env.put(PULSAR_TOKEN_SECRET, p.tokenSecretKeyBase64());
            }
        });
        redis.ifPresent(r -> env.put(REDIS_URL, r.uri()));
        return Collections.unmodifiableMap(env);
    }

    /** One human-readable line per component, without secrets. */
    public List<String> summary() {
        List<String> lines = new ArrayList<>();
        postgres.ifPresent(pg -> lines.add(
                "postgres  " + pg.jdbcUrl(database) + "  (user " + pg.superuser() + ", data " + pg.workDir() + ")"));
        pulsar.ifPresent(p -> lines.add("pulsar    " + p.brokerServiceUrl() + "  admin " + p.webServiceUrl()
                + (p.tokenAuthEnabled() ? "  (token auth on, super-user " + p.superUserRole() + ")" : "  (no auth)")));
        redis.ifPresent(r -> lines.add("redis     " + r.uri()));
        return lines;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<RuntimeException> failures = new ArrayList<>();
        redis.ifPresent(closing(failures));
        pulsar.ifPresent(closing(failures));
        postgres.ifPresent(closing(failures));
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    private static Consumer<AutoCloseable> closing(List<RuntimeException> failures) {
        return component -> {
            try {
                component.close();
            } catch (Exception e) {
                failures.add(e instanceof RuntimeException r ? r : new IllegalStateException(e));
            }
        };
    }

    /** Which components to start; all three by default, Pulsar without authentication, in-process. */
    public static final class Builder {
        private boolean postgres = true;
        private boolean pulsar = true;
        private boolean redis = true;
        private boolean pulsarTokenAuth;
        private boolean pulsarForked;
        private String database = "gatehouse";

        private Builder() {}

        public Builder postgres(boolean enabled) {
            this.postgres = enabled;
            return this;
        }

        public Builder pulsar(boolean enabled) {
            this.pulsar = enabled;
            return this;
        }

        public Builder redis(boolean enabled) {
            this.redis = enabled;
            return this;
        }

        public Builder pulsarTokenAuth(boolean enabled) {
            this.pulsarTokenAuth = enabled;
            return this;
        }

        public Builder pulsarForked(boolean forked) {
            this.pulsarForked = forked;
            return this;
        }

        /** The application database to create (default {@code gatehouse}). */
        public Builder database(String name) {
            this.database = Objects.requireNonNull(name, "database");
            return this;
        }

        /** Starts the chosen components; if one fails, the ones already started are stopped again. */
        public DevStack start() {
            EmbeddedPostgres pg = null;
            EmbeddedPulsar ps = null;
            EmbeddedRedis rs = null;
            try {
                if (postgres) {
                    pg = EmbeddedPostgres.start();
                    pg.createDatabase(database);
                }
                if (pulsar) {
                    ps = EmbeddedPulsar.builder()
                            .forked(pulsarForked)
                            .tokenAuth(pulsarTokenAuth)
                            .start();
                }
                if (redis) {
                    rs = EmbeddedRedis.start();
                }
                return new DevStack(
                        Optional.ofNullable(pg), Optional.ofNullable(ps), Optional.ofNullable(rs), database);
            } catch (RuntimeException e) {
                new DevStack(Optional.ofNullable(pg), Optional.ofNullable(ps), Optional.ofNullable(rs), database)
                        .closeSuppressingInto(e);
                throw e;
            }
        }
    }

    private void closeSuppressingInto(RuntimeException e) {
        try {
            close();
        } catch (RuntimeException closing) {
            e.addSuppressed(closing);
        }
    }
}
