package io.gatehouse.dataplane.fleet;

import io.gatehouse.protocol.signing.Aead;
import io.gatehouse.protocol.signing.MasterKey;
import io.gatehouse.protocol.signing.SealingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The state directory's sealed files: AES-256-GCM ({@link Aead}) under the agent's storage key, with the file
 * name as associated data, so a sealed file cannot be swapped for another one. Tampered, truncated or swapped
 * files fail to open ({@link SealingException}), and the agent refuses them.
 */
final class SealedFiles {

    static final String KEY_ID = "agent-state";

    private final StateDir dir;
    private final Aead aead;

    SealedFiles(StateDir dir, MasterKey storageKey) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.aead = new Aead(storageKey);
    }

    /** Opens the state directory's storage key ({@link StateDir#STORAGE_KEY}, which must be mode 0600). */
    static SealedFiles open(StateDir dir) throws IOException {
        dir.requirePrivate(StateDir.STORAGE_KEY);
        String text = new String(dir.read(StateDir.STORAGE_KEY), StandardCharsets.US_ASCII);
        try {
            return new SealedFiles(dir, MasterKey.parse(KEY_ID, text));
        } catch (IllegalArgumentException e) {
            throw new IOException(dir.file(StateDir.STORAGE_KEY) + ": " + e.getMessage());
        }
    }

    static byte[] encodeKey(MasterKey key) {
        return (key.toBase64() + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    StateDir dir() {
        return dir;
    }

    byte[] seal(String name, byte[] plaintext) {
        return aead.sealToBytes(plaintext, associatedData(name));
    }

    /** Seals and writes {@code name} atomically. */
    void write(String name, byte[] plaintext) throws IOException {
        dir.write(name, seal(name, plaintext));
    }

    /** Seals several files and writes them in order (see {@link StateDir#writeAll}). */
    void writeAll(Map<String, byte[]> plaintexts, Map<String, byte[]> plainFiles) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>(plainFiles);
        plaintexts.forEach((name, plaintext) -> files.put(name, seal(name, plaintext)));
        dir.writeAll(files);
    }

    /** Reads and opens {@code name}; the file must be mode 0600. */
    byte[] read(String name) throws IOException, SealingException {
        dir.requirePrivate(name);
        return aead.openBytes(dir.read(name), associatedData(name));
    }

    private static byte[] associatedData(String name) {
        return ("gatehouse-agent-state;file=" + name).getBytes(StandardCharsets.UTF_8);
    }
}
