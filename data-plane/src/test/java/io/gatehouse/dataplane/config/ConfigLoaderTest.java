package io.gatehouse.dataplane.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.dataplane.config.DataPlaneConfig.AuthMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    static DataPlaneConfig parse(String yaml, Map<String, String> env) throws ConfigException {
        return ConfigLoader.parse(yaml, env::get, Path.of("/etc/gatehouse"));
    }

    @Test
    void defaultsApplyToEveryOmittedKey() throws Exception {
        DataPlaneConfig config = parse("bundleFile: bundle.json\n", Map.of());

        assertThat(config.profile()).isEqualTo(DataPlaneConfig.Profile.PRODUCTION);
        assertThat(config.bundleFile()).isEqualTo(Path.of("/etc/gatehouse/bundle.json"));
        assertThat(config.listener()).isEqualTo(new DataPlaneConfig.Endpoint("0.0.0.0", 9090));
        assertThat(config.admin()).isEqualTo(new DataPlaneConfig.Endpoint("127.0.0.1", 9091));
        assertThat(config.limits()).isEqualTo(DataPlaneConfig.Limits.defaults());
        assertThat(config.protocolVersions()).containsExactly("2025-03-26", "2025-06-18", "2025-11-25");
        assertThat(config.authFor("anything")).isEqualTo(AuthMode.REQUIRED);
        assertThat(config.audit().file()).isNull();
    }

    @Test
    void environmentVariablesAndDefaultsAreSubstituted() throws Exception {
        DataPlaneConfig config = parse("""
                bundleFile: ${BUNDLE}
                listener: {port: ${PORT:-7000}}
                admin: {port: ${ADMIN_PORT:-7001}}
                limits:
                  maxBodyBytes: 2048
                  sessionIdleTimeout: 10m
                  upstreamResponseTimeout: PT3S
                audit: {file: "$${literal}.jsonl"}
                """, Map.of("BUNDLE", "/srv/b.json", "ADMIN_PORT", "0"));

        assertThat(config.bundleFile()).isEqualTo(Path.of("/srv/b.json"));
        assertThat(config.listener().port()).isEqualTo(7000);
        assertThat(config.admin().port()).isZero();
        assertThat(config.limits().maxBodyBytes()).isEqualTo(2048);
        assertThat(config.limits().sessionIdleTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.limits().upstreamResponseTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.audit().file()).isEqualTo(Path.of("/etc/gatehouse/${literal}.jsonl"));
    }

    @Test
    void everyMistakeNamesItsField() {
        assertThatThrownBy(() -> parse("bundleFile: ${MISSING}\n", Map.of()))
                .hasMessage("line 1: environment variable MISSING is not set");
        assertThatThrownBy(() -> parse("listener: {port: 1}\n", Map.of()))
                .hasMessageStartingWith("bundleFile: required");
        assertThatThrownBy(() -> parse("bundleFile: b\nlistener: {port: 70000}\n", Map.of()))
                .hasMessage("listener.port: 70000 (expected: 0..65535)");
        assertThatThrownBy(() -> parse("bundleFile: b\nlimits: {maxBodyBytes: -3}\n", Map.of()))
                .hasMessage("limits.maxBodyBytes: -3 (expected: 1..67108864)");
        assertThatThrownBy(() -> parse("bundleFile: b\nlimits: {streamIdleTimeout: soon}\n", Map.of()))
                .hasMessageStartingWith("limits.streamIdleTimeout: 'soon' (expected: a duration");
        assertThatThrownBy(() -> parse("bundleFile: b\nlistener: {prot: 1}\n", Map.of()))
                .hasMessage("listener.prot: unknown key (expected one of host, port)");
        assertThatThrownBy(() -> parse("bundleFile: b\nprofile: staging\n", Map.of()))
                .hasMessage("profile: 'staging' (expected one of [production, test])");
        assertThatThrownBy(() -> parse("bundleFile: b\nprotocolVersions: [latest]\n", Map.of()))
                .hasMessageStartingWith("protocolVersions[0]: 'latest'");
        assertThatThrownBy(() -> parse("bundleFile: b\nroutes: {files: {auth: maybe}}\n", Map.of()))
                .hasMessage("routes.files.auth: 'maybe' (expected: required or off)");
    }

    @Test
    void authOffIsOnlyAllowedInTheTestProfile() throws Exception {
        assertThatThrownBy(() -> parse("bundleFile: b\nroutes: {files: {auth: \"off\"}}\n", Map.of()))
                .hasMessage("routes.files.auth: off is only allowed with profile: test");
        assertThatThrownBy(() -> parse("bundleFile: b\nroutes: {files: {auth: off}}\n", Map.of()))
                .hasMessage("routes.files.auth: off is only allowed with profile: test");

        DataPlaneConfig test = parse("profile: test\nbundleFile: b\nroutes: {files: {auth: off}}\n", Map.of());
        assertThat(test.authFor("files")).isEqualTo(AuthMode.OFF);
        assertThat(test.authFor("other")).isEqualTo(AuthMode.REQUIRED);
    }

    @Test
    void fleetModeReadsTheStateDirectoryInsteadOfABundleFile() throws Exception {
        DataPlaneConfig config = parse("""
                fleet:
                  stateDir: agent
                  heartbeatInterval: 10s
                  pulsarUrl: pulsar+ssl://pulsar.example.com:6651
                  enroll: {controlPlane: "https://cp.example.com", token: "${TOKEN}", name: edge-1}
                """, Map.of("TOKEN", "secret-enrollment-token"));

        assertThat(config.bundleFile()).isNull();
        DataPlaneConfig.Fleet fleet = config.fleet();
        assertThat(fleet.stateDir()).isEqualTo(Path.of("/etc/gatehouse/agent"));
        assertThat(fleet.heartbeatInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(fleet.resyncInterval()).isEqualTo(DataPlaneConfig.Fleet.DEFAULT_RESYNC);
        assertThat(fleet.pulsarUrl()).isEqualTo("pulsar+ssl://pulsar.example.com:6651");
        assertThat(fleet.enroll().token()).isEqualTo("secret-enrollment-token");
        assertThat(fleet.enroll().toString()).doesNotContain("secret-enrollment-token");

        DataPlaneConfig minimal = parse("fleet: {stateDir: /var/lib/gatehouse/agent}\n", Map.of());
        assertThat(minimal.fleet().heartbeatInterval()).isEqualTo(DataPlaneConfig.Fleet.DEFAULT_HEARTBEAT);
        assertThat(minimal.fleet().enroll()).isNull();
    }

    @Test
    void fleetMistakesNameTheirField() {
        assertThatThrownBy(() -> parse("bundleFile: b\nfleet: {stateDir: s}\n", Map.of()))
                .hasMessageStartingWith("bundleFile: not allowed together with fleet");
        assertThatThrownBy(() -> parse("fleet: {heartbeatInterval: 5s}\n", Map.of()))
                .hasMessageStartingWith("fleet.stateDir: required");
        assertThatThrownBy(() -> parse("fleet: {stateDir: s, pulsarUrl: http://x}\n", Map.of()))
                .hasMessage("fleet.pulsarUrl: 'http://x' (expected: pulsar://host:port or pulsar+ssl://host:port)");
        assertThatThrownBy(() -> parse("fleet: {stateDir: s, enroll: {controlPlane: https://cp}}\n", Map.of()))
                .hasMessageStartingWith("fleet.enroll.token: required");
        assertThatThrownBy(() -> parse("fleet: {stateDir: s, resyncInterval: 0s}\n", Map.of()))
                .hasMessage("fleet.resyncInterval: '0s' (expected: > 0)");
        assertThatThrownBy(() -> parse("fleet: {stateDir: s, bundles: x}\n", Map.of()))
                .hasMessageStartingWith("fleet.bundles: unknown key");
    }
}
