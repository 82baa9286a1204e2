package io.gatehouse.dataplane.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.protocol.signing.KeyRing;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrollmentTest {

    static final String PULSAR_TOKEN = "pulsar-jwt-for-the-agent-role-0123456789";

    @TempDir
    Path tmp;

    KeyRing ring;
    FakeControlPlane cp;
    Enrollment enrollment = new Enrollment(Clock.systemUTC());

    @BeforeEach
    void start() throws Exception {
        ring = FleetFixtures.ring("acme");
        cp = new FakeControlPlane(
                "acme",
                "prod",
                () -> ring,
                List.of(ring.trustSet().compact()),
                "pulsar://127.0.0.1:6650",
                PULSAR_TOKEN);
    }

    @AfterEach
    void stop() {
        cp.close();
    }

    @Test
    void enrollsAndWritesPrivateSealedStateAtomically() throws Exception {
        Path dir = tmp.resolve("agent");
        String token = cp.issueToken();

        EnrolledState state = enrollment.enroll(dir, cp.url() + "/", token, "edge-1", "1.2.3");

        assertThat(state.tenantId()).isEqualTo("acme");
        assertThat(state.groupId()).isEqualTo("prod");
        assertThat(state.trustSet().trustSet().version()).isEqualTo(1);
        FakeControlPlane.Registered registered = cp.registered().getFirst();
        assertThat(registered.agentId()).isEqualTo(state.agentId());
        assertThat(registered.keyId()).isEqualTo(state.identity().keyId());
        assertThat(registered.name()).isEqualTo("edge-1");
        assertThat(registered.agentVersion()).isEqualTo("1.2.3");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                .isEqualTo("rwx------");
        List<String> names;
        try (Stream<Path> files = Files.list(dir)) {
            names = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(names)
                .containsExactlyInAnyOrder(
                        StateDir.AGENT_INFO, StateDir.AGENT_KEY, StateDir.ENROLLMENT, StateDir.STORAGE_KEY);
        for (String name : names) {
            Path file = dir.resolve(name);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .as(name)
                    .isEqualTo("rw-------");
            String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertThat(content)
                    .as(name)
                    .doesNotContain(token)
                    .doesNotContain(PULSAR_TOKEN)
                    .doesNotContain("\"d\"");
        }
        assertThat(Files.readString(dir.resolve(StateDir.AGENT_INFO))).contains(state.agentId(), "acme", "prod");

        EnrolledState reloaded = EnrolledState.load(dir, Instant.now());
        assertThat(reloaded.agentId()).isEqualTo(state.agentId());
        assertThat(reloaded.identity().keyId()).isEqualTo(state.identity().keyId());
        assertThat(reloaded.pulsar().authToken()).isEqualTo(PULSAR_TOKEN);
    }

    @Test
    void aRefusedTokenShowsTheProblemDetailsAndWritesNothing() {
        Path dir = tmp.resolve("agent");
        String wrong = "not-a-token-that-the-cp-issued";

        assertThatThrownBy(() -> enrollment.enroll(dir, cp.url(), wrong, null, "1"))
                .isInstanceOf(EnrollmentException.class)
                .hasMessage("the control plane refused the enrollment: HTTP 401: Unauthorized: enrollment token is"
                        + " invalid, expired or already used")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong));
        assertThat(dir).as("nothing left behind").doesNotExist();
    }

    @Test
    void aTokenWorksOnce() throws Exception {
        String token = cp.issueToken();
        enrollment.enroll(tmp.resolve("a"), cp.url(), token, "a", "1");

        assertThatThrownBy(() -> enrollment.enroll(tmp.resolve("b"), cp.url(), token, "b", "1"))
                .hasMessageContaining("HTTP 401");
        assertThat(tmp.resolve("b")).as("nothing left behind").doesNotExist();
    }

    @Test
    void anUnreachableControlPlaneIsNamedAndNothingIsWritten() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path dir = tmp.resolve("agent");

        assertThatThrownBy(() -> enrollment.enroll(dir, "http://127.0.0.1:" + port, cp.issueToken(), null, "1"))
                .isInstanceOf(EnrollmentException.class)
                .hasMessageStartingWith(
                        "cannot reach the control plane at http://127.0.0.1:" + port + "/api/v1/data-planes:enroll");
        assertThat(dir).as("nothing left behind").doesNotExist();
    }

    @Test
    void anEnrolledDirectoryIsNeverOverwrittenAndTheTokenIsNotSpent() throws Exception {
        Path dir = tmp.resolve("agent");
        EnrolledState first = enrollment.enroll(dir, cp.url(), cp.issueToken(), null, "1");
        int before = cp.requests();

        assertThatThrownBy(() -> enrollment.enroll(dir, cp.url(), cp.issueToken(), null, "1"))
                .hasMessageContaining("already holds an enrollment");
        assertThat(cp.requests()).isEqualTo(before);
        assertThat(EnrolledState.load(dir, Instant.now()).agentId()).isEqualTo(first.agentId());
    }

    @Test
    void anAnswerWithAForeignTrustSetIsRefusedAndNothingIsWritten() throws Exception {
        KeyRing other = FleetFixtures.ring("globex");
        try (FakeControlPlane lying = new FakeControlPlane(
                "acme", "prod", () -> other, List.of(other.trustSet().compact()), "pulsar://x:6650", PULSAR_TOKEN)) {
            Path dir = tmp.resolve("agent");
            assertThatThrownBy(() -> enrollment.enroll(dir, lying.url(), lying.issueToken(), null, "1"))
                    .hasMessageContaining("invalid enrollment: trustSet: WRONG_TENANT");
            assertThat(dir).as("nothing left behind").doesNotExist();
        }
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> enrollment.enroll(tmp, "ftp://cp", cp.issueToken(), null, "1"))
                .hasMessageContaining("expected an http(s) URL");
        assertThatThrownBy(() -> enrollment.enroll(tmp, cp.url(), "short", null, "1"))
                .hasMessage("enrollment token: 5 characters (expected the 16-512 character token shown when it was"
                        + " created)");
        assertThat(cp.requests()).isZero();
    }

    @Test
    void tamperedOrTooOpenStateIsRefused() throws Exception {
        Path dir = tmp.resolve("agent");
        enrollment.enroll(dir, cp.url(), cp.issueToken(), null, "1");
        Path key = dir.resolve(StateDir.AGENT_KEY);
        byte[] sealed = Files.readAllBytes(key);
        sealed[sealed.length - 1] ^= 1;
        Files.write(key, sealed);

        assertThatThrownBy(() -> EnrolledState.load(dir, Instant.now()))
                .isInstanceOf(FleetStateException.class)
                .hasMessageContaining(StateDir.AGENT_KEY + " cannot be opened (DECRYPTION_FAILED");

        Files.setPosixFilePermissions(dir.resolve(StateDir.STORAGE_KEY), PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> EnrolledState.load(dir, Instant.now()))
                .hasMessageContaining("permissions rw-r--r-- are too open");

        assertThatThrownBy(() -> EnrolledState.load(tmp.resolve("nothing"), Instant.now()))
                .hasMessageContaining("holds no enrollment");
    }

    @Test
    void theCommandLineNeverPrintsTheToken() throws Exception {
        String token = "refused-token-value-123456";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = EnrollCommand.run(
                new String[] {
                    "--control-plane",
                    cp.url(),
                    "--token",
                    token,
                    "--state-dir",
                    tmp.resolve("x").toString()
                },
                Map.<String, String>of()::get,
                Clock.systemUTC(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("HTTP 401").doesNotContain(token);

        String good = cp.issueToken();
        out.reset();
        status = EnrollCommand.run(
                new String[] {
                    "--control-plane=" + cp.url(),
                    "--state-dir",
                    tmp.resolve("y").toString()
                },
                Map.of(EnrollCommand.TOKEN_ENV, good)::get,
                Clock.systemUTC(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .startsWith("gatehouse data-plane: enrolled as agent agent-")
                .doesNotContain(good);

        assertThat(EnrollCommand.run(
                        new String[] {"--token", good},
                        name -> null,
                        Clock.systemUTC(),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8)))
                .isEqualTo(2);
    }
}
