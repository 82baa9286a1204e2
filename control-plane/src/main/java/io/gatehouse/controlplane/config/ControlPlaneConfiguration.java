package io.gatehouse.controlplane.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * The control plane's {@code config.yml}: {@code server} (Dropwizard), {@code database} (the
 * application role, subject to row-level security), {@code migrations} (the owner role Flyway runs
 * as) and {@code auth}. See {@code docs/control-plane.md} for every key and its default.
 */
public final class ControlPlaneConfiguration extends Configuration {

    @Valid
    @NotNull
    private DataSourceFactory database = new DataSourceFactory();

    @Valid
    @NotNull
    private MigrationFactory migrations = new MigrationFactory();

    @Valid
    @NotNull
    private AuthFactory auth = new AuthFactory();

    @Valid
    @NotNull
    private BundlesFactory bundles = new BundlesFactory();

    @Valid
    @NotNull
    private PulsarFactory pulsar = new PulsarFactory();

    @JsonProperty
    public BundlesFactory getBundles() {
        return bundles;
    }

    @JsonProperty
    public void setBundles(BundlesFactory bundles) {
        this.bundles = bundles;
    }

    @JsonProperty
    public PulsarFactory getPulsar() {
        return pulsar;
    }

    @JsonProperty
    public void setPulsar(PulsarFactory pulsar) {
        this.pulsar = pulsar;
    }

    @JsonProperty("database")
    public DataSourceFactory getDataSourceFactory() {
        return database;
    }

    @JsonProperty("database")
    public void setDataSourceFactory(DataSourceFactory database) {
        this.database = database;
    }

    @JsonProperty
    public MigrationFactory getMigrations() {
        return migrations;
    }

    @JsonProperty
    public void setMigrations(MigrationFactory migrations) {
        this.migrations = migrations;
    }

    @Valid
    @NotNull
    private AuditFactory audit = new AuditFactory();

    @JsonProperty
    public AuditFactory getAudit() {
        return audit;
    }

    @JsonProperty
    public void setAudit(AuditFactory audit) {
        this.audit = audit;
    }

    @JsonProperty
    public AuthFactory getAuth() {
        return auth;
    }

    @JsonProperty
    public void setAuth(AuthFactory auth) {
        this.auth = auth;
    }
}
