package io.gatehouse.dataplane.redaction;

import io.gatehouse.dataplane.auth.SecretResolver;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the key of the redaction {@code hash} action, so that hashes correlate across agents: an enrolled agent
 * uses its tenant's key from enrollment (sealed in its state directory); an agent with a local bundle uses the key
 * behind {@code redaction.hashKey} ({@code env:NAME} or {@code file:/path}: base64 of at least 16 bytes). With
 * neither, the agent generates a key of its own for the life of the process, and says once, at start, that its
 * hashes do not correlate with any other agent's or across restarts.
 */
public final class RedactionHashKey {

    private static final Logger LOG = LoggerFactory.getLogger(RedactionHashKey.class);

    /** Shortest accepted key. */
    public static final int MIN_BYTES = 16;

    /** Where the chosen key came from. */
    public enum Source {
        ENROLLMENT,
        CONFIG,
        PROCESS
    }

    /** A key and its source; {@link #toString} never shows the key. */
    public record Chosen(byte[] key, Source source) {
        @Override
        public String toString() {
            return "RedactionHashKey[" + source + "]";
        }
    }

    private RedactionHashKey() {}

    /**
     * @param enrolled the tenant's key from enrollment, if the agent is enrolled and got one
     * @param configReference {@code redaction.hashKey}, or null
     * @throws IllegalStateException when the configured reference cannot be resolved or is not a usable key (the
     *     agent refuses to start rather than hash with a key nobody else has)
     */
    public static Chosen choose(Optional<byte[]> enrolled, String configReference, SecretResolver secrets) {
        if (enrolled.isPresent()) {
            if (configReference != null) {
                LOG.warn("redaction.hashKey is ignored: an enrolled agent uses its tenant's key from enrollment");
            }
            return new Chosen(enrolled.get(), Source.ENROLLMENT);
        }
        if (configReference != null) {
            String value;
            try {
                value = secrets.resolve(configReference);
            } catch (RuntimeException e) {
                throw new IllegalStateException("redaction.hashKey: " + e.getMessage(), e);
            }
            return new Chosen(decode(value.strip(), "redaction.hashKey"), Source.CONFIG);
        }
        LOG.warn("redaction: no shared hash key (not enrolled with a tenant key, and redaction.hashKey is not set);"
                + " the hash action uses a key of this process only, so its hashes do not correlate with other"
                + " agents' or across restarts. Set redaction.hashKey (env:NAME or file:/path) to share one.");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new Chosen(key, Source.PROCESS);
    }

    /** Decodes base64 or base64url text of at least {@link #MIN_BYTES} bytes; the message never shows the value. */
    public static byte[] decode(String text, String what) {
        byte[] key;
        try {
            key = text.contains("-") || text.contains("_")
                    ? Base64.getUrlDecoder().decode(text)
                    : Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(what + ": not base64 (expected: base64 of at least " + MIN_BYTES
                    + " random bytes, e.g. `openssl rand -base64 32`)");
        }
        if (key.length < MIN_BYTES) {
            throw new IllegalStateException(what + ": " + key.length + " bytes (expected: at least " + MIN_BYTES + ")");
        }
        return key;
    }
}
