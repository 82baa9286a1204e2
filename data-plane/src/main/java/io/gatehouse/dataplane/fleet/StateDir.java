package io.gatehouse.dataplane.fleet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The agent's state directory: its layout, its permissions (directory {@code 0700}, files {@code 0600}) and
 * atomic writes (temporary file in the same directory, fsync, rename, fsync of the directory). A reader sees the
 * old file or the new one, never a torn one.
 */
public final class StateDir {

    /** AES-256 key (base64) that seals the other files. */
    public static final String STORAGE_KEY = "storage.key";
    /** The agent's private key (sealed private JWK). */
    public static final String AGENT_KEY = "agent-key.sealed";
    /** The enrollment response (sealed JSON: agent id, tenant, group, trust set, Pulsar URL and token). */
    public static final String ENROLLMENT = "enrollment.sealed";
    /** Non-secret summary for operators (agent id, tenant, group, name, control plane, enrolled at). */
    public static final String AGENT_INFO = "agent.json";
    /** The pinned trust set: the latest accepted signed trust set (sealed compact JWS). */
    public static final String TRUST_SET = "trust-set.sealed";
    /** The last-known-good bundle (sealed compact JWS of the bundle envelope). */
    public static final String LAST_KNOWN_GOOD = "lkg-bundle.sealed";

    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");

    private final Path dir;

    public StateDir(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
    }

    public Path path() {
        return dir;
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    /** An enrollment is committed once {@link #ENROLLMENT} exists (it is always written last). */
    public boolean isEnrolled() {
        return Files.isRegularFile(file(ENROLLMENT));
    }

    public boolean exists(String name) {
        return Files.isRegularFile(file(name));
    }

    /** Creates the directory if needed and restricts it to the owner ({@code 0700}). */
    void createPrivate() throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException(dir + " exists and is not a directory");
        }
        Files.createDirectories(dir);
        if (POSIX) {
            Files.setPosixFilePermissions(dir, DIR_MODE);
        }
        if (!Files.isWritable(dir)) {
            throw new IOException(dir + " is not writable");
        }
    }

    /** Refuses a state file that others may read or write (like ssh refuses a too-open private key). */
    void requirePrivate(String name) throws IOException {
        if (!POSIX) {
            return;
        }
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file(name));
        if (!FILE_MODE.containsAll(mode)) {
            throw new IOException(file(name) + ": permissions " + PosixFilePermissions.toString(mode)
                    + " are too open (expected rw-------, i.e. chmod 600)");
        }
    }

    byte[] read(String name) throws IOException {
        return Files.readAllBytes(file(name));
    }

    /** Replaces {@code name} atomically with {@code content} (mode {@code 0600}). */
    void write(String name, byte[] content) throws IOException {
        Map<String, byte[]> one = new LinkedHashMap<>();
        one.put(name, content);
        writeAll(one);
    }

    /**
     * Writes several files: first every temporary file (fsynced), then the renames in the given order, so the
     * last entry can serve as the commit marker. On failure, the temporary files and the files renamed by this
     * call are removed again.
     */
    void writeAll(Map<String, byte[]> files) throws IOException {
        Map<String, Path> temps = new LinkedHashMap<>();
        List<Path> renamed = new ArrayList<>();
        try {
            for (Map.Entry<String, byte[]> entry : files.entrySet()) {
                temps.put(entry.getKey(), writeTemp(entry.getKey(), entry.getValue()));
            }
            for (Map.Entry<String, Path> entry : temps.entrySet()) {
                Path target = file(entry.getKey());
                move(entry.getValue(), target);
                renamed.add(target);
            }
            syncDirectory();
        } catch (IOException | RuntimeException e) {
            for (Path temp : temps.values()) {
                Files.deleteIfExists(temp);
            }
            if (files.size() > 1) {
                for (Path target : renamed) {
                    Files.deleteIfExists(target);
                }
            }
            throw e;
        }
    }

    private Path writeTemp(String name, byte[] content) throws IOException {
        Path temp = POSIX
                ? Files.createTempFile(dir, "." + name + ".", ".tmp", PosixFilePermissions.asFileAttribute(FILE_MODE))
                : Files.createTempFile(dir, "." + name + ".", ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return temp;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + to.getParent() + " cannot rename atomically", e);
        }
    }

    private void syncDirectory() {
        if (!POSIX) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some file systems cannot fsync a directory; the renames are still atomic
        }
    }

    @Override
    public String toString() {
        return dir.toString();
    }
}
