package io.gatehouse.dataplane.audit;

import io.gatehouse.protocol.signing.AgentIdentity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The audit signing key of an agent that has not been enrolled: generated once and kept next to the WAL
 * (owner-only file permissions). Enrollment replaces it with the enrolled identity, whose public key the
 * control plane registers; until then the control plane cannot verify these batches and dead-letters them.
 */
public final class LocalAgentIdentity {

    private LocalAgentIdentity() {}

    public static AgentIdentity loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            return AgentIdentity.fromPrivateJwkJson(Files.readString(file, StandardCharsets.UTF_8));
        }
        AgentIdentity identity = AgentIdentity.generate();
        Files.createDirectories(file.toAbsolutePath().getParent());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException raced) {
            return AgentIdentity.fromPrivateJwkJson(Files.readString(file, StandardCharsets.UTF_8));
        }
        Files.writeString(file, identity.toPrivateJwkJson(), StandardCharsets.UTF_8);
        return identity;
    }
}
