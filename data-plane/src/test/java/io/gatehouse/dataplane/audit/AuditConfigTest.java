package io.gatehouse.dataplane.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.dataplane.config.ConfigException;
import io.gatehouse.dataplane.config.ConfigLoader;
import io.gatehouse.dataplane.config.DataPlaneConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditConfigTest {

    static DataPlaneConfig parse(String yaml) throws ConfigException {
        Map<String, String> env = Map.of("PULSAR_TOKEN", "secret-token");
        return ConfigLoader.parse("bundleFile: bundle.json\n" + yaml, env::get, Path.of("/etc/gatehouse"));
    }

    @Test
    void theWalIsOnByDefaultNextToTheConfigWithoutAShipper() throws Exception {
        DataPlaneConfig.Audit audit = parse("").audit();
        assertThat(audit.wal()).isEqualTo(WalSettings.defaults(Path.of("/etc/gatehouse/audit-wal")));
        assertThat(audit.pulsar()).isNull();
        assertThat(audit.file()).isNull();
    }

    @Test
    void everyKeyBinds() throws Exception {
        DataPlaneConfig.Audit audit = parse("""
                audit:
                  agentId: agent-eu-1
                  tenant: t-acme
                  wal: {dir: /var/lib/gatehouse/wal, maxBatchRecords: 500, maxBatchBytes: 65536, maxBatchDelay: 250ms,
                        segmentMib: 8, maxDiskMib: 64, queueCapacity: 1024, whenFull: drop}
                  pulsar: {serviceUrl: "pulsar://broker:6650", token: "${PULSAR_TOKEN}", maxInFlight: 8}
                """).audit();
        assertThat(audit.agentId()).isEqualTo("agent-eu-1");
        assertThat(audit.tenant()).isEqualTo("t-acme");
        assertThat(audit.wal())
                .isEqualTo(new WalSettings(
                        Path.of("/var/lib/gatehouse/wal"),
                        500,
                        65536,
                        Duration.ofMillis(250),
                        8L << 20,
                        64L << 20,
                        1024,
                        WalSettings.WhenFull.DROP));
        assertThat(audit.pulsar().serviceUrl()).isEqualTo("pulsar://broker:6650");
        assertThat(audit.pulsar().token()).isEqualTo("secret-token");
        assertThat(audit.pulsar().toString()).doesNotContain("secret-token");
        assertThat(audit.pulsar().maxInFlight()).isEqualTo(8);
    }

    @Test
    void badValuesAreNamed() {
        assertThatThrownBy(() -> parse("audit: {wal: {maxBatchRecords: 20000}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("maxBatchRecords")
                .hasMessageContaining("20000");
        assertThatThrownBy(() -> parse("audit: {wal: {whenFull: sometimes}}"))
                .hasMessageContaining("whenFull")
                .hasMessageContaining("sometimes");
        assertThatThrownBy(() -> parse("audit: {pulsar: {serviceUrl: \"http://broker\"}}"))
                .hasMessageContaining("audit.pulsar.serviceUrl");
        assertThatThrownBy(() -> parse("audit: {wal: {dir: \"off\"}, pulsar: {serviceUrl: \"pulsar://b:6650\"}}"))
                .hasMessageContaining("needs the WAL");
        assertThatThrownBy(() -> parse("audit: {wal: {segmentMib: 16, maxDiskMib: 8}}"))
                .hasMessageContaining("maxDiskMib");
    }
}
