package io.gatehouse.controlplane.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jetty.HttpConnectorFactory;
import jakarta.validation.Validation;
import org.junit.jupiter.api.Test;

/** The shipped {@code config.yml} binds, validates, and keeps the ports of DESIGN §8. */
class ConfigFileTest {

    @Test
    void shippedConfigBindsWithItsDefaults() throws Exception {
        YamlConfigurationFactory<ControlPlaneConfiguration> factory = new YamlConfigurationFactory<>(
                ControlPlaneConfiguration.class,
                Validation.buildDefaultValidatorFactory().getValidator(),
                Jackson.newObjectMapper(),
                "dw");
        ControlPlaneConfiguration config = factory.build(
                new SubstitutingSourceProvider(
                        new FileConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)),
                "config.yml");
        DefaultServerFactory server = (DefaultServerFactory) config.getServerFactory();
        assertThat(((HttpConnectorFactory) server.getApplicationConnectors().get(0)).getPort())
                .isEqualTo(8080);
        assertThat(((HttpConnectorFactory) server.getAdminConnectors().get(0)).getPort())
                .isEqualTo(8081);
        assertThat(server.getRegisterDefaultExceptionMappers()).isFalse();
        assertThat(config.getDataSourceFactory().getUser()).isEqualTo("gatehouse_app");
        assertThat(config.getMigrations().getUser()).isEqualTo("gatehouse_owner");
        assertThat(config.getMigrations().getAppRole()).isEqualTo("gatehouse_app");
        assertThat(config.getAuth().getArgon2MemoryKib()).isEqualTo(19456);
        assertThat(config.getAuth().getSessionTtl().toHours()).isEqualTo(12);
        // bundles and Pulsar are optional: unset environment means "not configured", never a half-set value
        assertThat(config.getBundles().getDebounce().toMillis()).isEqualTo(50);
        assertThat(config.getBundles().getDefaultPublicBaseUrl()).isEqualTo("http://localhost:9090");
        if (System.getenv("GATEHOUSE_MASTER_KEY") == null) {
            assertThat(config.getBundles().getMasterKey()).isNull();
        }
        if (System.getenv("GATEHOUSE_PULSAR_URL") == null) {
            assertThat(config.getPulsar().isEnabled()).isFalse();
        }
    }
}
