package io.gatehouse.dataplane.fleet;

import io.gatehouse.protocol.fleet.EnrollmentResponse;
import io.gatehouse.protocol.fleet.PulsarTopics;
import io.gatehouse.protocol.signing.AgentIdentity;
import io.gatehouse.protocol.signing.SealingException;
import io.gatehouse.protocol.signing.TrustSet;
import io.gatehouse.protocol.signing.TrustSetRejectedException;
import io.gatehouse.protocol.signing.TrustSetUpdate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What enrollment left in the state directory, opened: the agent's identity, its enrollment (tenant, group, Pulsar
 * access), the pinned trust set and the last-known-good bundle. Loading needs neither the control plane nor Pulsar.
 * The pinned trust set and the last-known-good bundle are replaced atomically as new versions are accepted.
 */
public final class EnrolledState {

    private final SealedFiles files;
    private final AgentIdentity identity;
    private final EnrollmentResponse enrollment;
    private volatile PinnedTrustSet trustSet;

    /** A trust set with the compact JWS it was accepted from. */
    public record PinnedTrustSet(String compact, TrustSet trustSet) {
        public PinnedTrustSet {
            Objects.requireNonNull(compact, "compact");
            Objects.requireNonNull(trustSet, "trustSet");
        }
    }

    EnrolledState(SealedFiles files, AgentIdentity identity, EnrollmentResponse enrollment, PinnedTrustSet trustSet) {
        this.files = files;
        this.identity = identity;
        this.enrollment = enrollment;
        this.trustSet = trustSet;
    }

    /**
     * Opens the enrolled state in {@code dir}. The pinned trust set is re-pinned ({@link TrustSetUpdate#verifyPinned})
     * at {@code now}.
     *
     * @throws FleetStateException naming the file and the problem (not enrolled, too-open permissions, tampered)
     */
    public static EnrolledState load(Path dir, Instant now) throws FleetStateException {
        StateDir stateDir = new StateDir(dir);
        if (!stateDir.isEnrolled()) {
            throw new FleetStateException(stateDir + " holds no enrollment (" + StateDir.ENROLLMENT
                    + " is missing); run `gatehouse data-plane enroll --control-plane URL --token TOKEN --state-dir "
                    + stateDir + "` or set fleet.enroll in the config");
        }
        SealedFiles files;
        try {
            files = SealedFiles.open(stateDir);
        } catch (IOException e) {
            throw new FleetStateException("cannot open the storage key: " + e.getMessage(), e);
        }
        EnrollmentResponse enrollment;
        AgentIdentity identity;
        try {
            enrollment = Enrollment.parseResponse(read(files, StateDir.ENROLLMENT));
            identity = AgentIdentity.fromPrivateJwkJson(
                    new String(read(files, StateDir.AGENT_KEY), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new FleetStateException("enrolled state in " + stateDir + " is invalid: " + e.getMessage(), e);
        }
        String compact = stateDir.exists(StateDir.TRUST_SET)
                ? new String(read(files, StateDir.TRUST_SET), StandardCharsets.UTF_8)
                : enrollment.trustSet();
        TrustSet pinned;
        try {
            pinned = TrustSetUpdate.verifyPinned(compact, enrollment.tenantId(), now);
        } catch (TrustSetRejectedException e) {
            throw new FleetStateException(
                    "the pinned trust set in " + stateDir + " is not valid: " + e.getMessage(), e);
        }
        return new EnrolledState(files, identity, enrollment, new PinnedTrustSet(compact, pinned));
    }

    private static byte[] read(SealedFiles files, String name) throws FleetStateException {
        try {
            return files.read(name);
        } catch (IOException e) {
            throw new FleetStateException("cannot read " + files.dir().file(name) + ": " + e.getMessage(), e);
        } catch (SealingException e) {
            throw new FleetStateException(
                    files.dir().file(name) + " cannot be opened (" + e.getMessage()
                            + "); it was tampered with or sealed under another storage key",
                    e);
        }
    }

    public String agentId() {
        return enrollment.agentId();
    }

    public String tenantId() {
        return enrollment.tenantId();
    }

    public String groupId() {
        return enrollment.groupId();
    }

    public PulsarTopics topics() {
        return new PulsarTopics(enrollment.tenantId());
    }

    public EnrollmentResponse.Pulsar pulsar() {
        return enrollment.pulsar();
    }

    /**
     * The tenant's key of the redaction {@code hash} action from enrollment (secret), or empty when the control
     * plane that enrolled this agent did not send one.
     *
     * @throws FleetStateException when the stored key is not a usable key
     */
    public Optional<byte[]> redactionHashKey() throws FleetStateException {
        String key = enrollment.redactionHashKey();
        if (key == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(io.gatehouse.dataplane.redaction.RedactionHashKey.decode(key, "redactionHashKey"));
        } catch (IllegalStateException e) {
            throw new FleetStateException("enrolled state in " + stateDir() + ": " + e.getMessage(), e);
        }
    }

    public AgentIdentity identity() {
        return identity;
    }

    public Path stateDir() {
        return files.dir().path();
    }

    public PinnedTrustSet trustSet() {
        return trustSet;
    }

    /** Pins {@code next} (already verified against the current one) and persists it atomically. */
    void pinTrustSet(PinnedTrustSet next) throws IOException {
        files.write(StateDir.TRUST_SET, next.compact().getBytes(StandardCharsets.UTF_8));
        this.trustSet = next;
    }

    /** Uses {@code next} until the process ends when it could not be persisted. */
    void pinInMemory(PinnedTrustSet next) {
        this.trustSet = next;
    }

    /** The last-known-good bundle envelope, if one was stored. */
    Optional<String> lastKnownGood() throws IOException, SealingException {
        if (!files.dir().exists(StateDir.LAST_KNOWN_GOOD)) {
            return Optional.empty();
        }
        return Optional.of(new String(files.read(StateDir.LAST_KNOWN_GOOD), StandardCharsets.UTF_8));
    }

    /** Stores {@code envelope} (a verified, applied bundle JWS) as the last-known-good, sealed and atomically. */
    void storeLastKnownGood(String envelope) throws IOException {
        files.write(StateDir.LAST_KNOWN_GOOD, envelope.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "EnrolledState[agent=" + agentId() + ", tenant=" + tenantId() + ", group=" + groupId() + ", dir="
                + stateDir() + "]";
    }
}
