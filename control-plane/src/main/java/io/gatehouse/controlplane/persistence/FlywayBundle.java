package io.gatehouse.controlplane.persistence;

import io.dropwizard.core.ConfiguredBundle;
import io.dropwizard.core.setup.Environment;
import io.gatehouse.controlplane.config.ControlPlaneConfiguration;
import io.gatehouse.controlplane.config.MigrationFactory;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * Migrates the schema as the owner role before the Hibernate bundle builds its session factory (so
 * the entities find their tables). Added ahead of the Hibernate bundle in {@code initialize}.
 */
public final class FlywayBundle implements ConfiguredBundle<ControlPlaneConfiguration> {

    @Override
    public void run(ControlPlaneConfiguration configuration, Environment environment) {
        MigrationFactory migrations = configuration.getMigrations();
        if (!migrations.isEnabled()) {
            return;
        }
        String url = migrations.getUrl() != null
                ? migrations.getUrl()
                : configuration.getDataSourceFactory().getUrl();
        Flyway.configure()
                .dataSource(url, migrations.getUser(), migrations.getPassword())
                .locations("classpath:db/migration")
                .placeholders(Map.of("appRole", migrations.getAppRole()))
                .load()
                .migrate();
    }
}
