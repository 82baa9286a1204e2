package io.gatehouse.dataplane.redaction;

import static java.util.Objects.requireNonNull;

import io.gatehouse.dataplane.bundle.ActiveBundle;
import io.gatehouse.engine.redaction.RedactionConfigException;
import io.gatehouse.engine.redaction.Redactor;
import io.gatehouse.protocol.bundle.RedactionRule;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Redactor} of the bundle in force, compiled once per bundle (the first request after an apply
 * compiles it; every later request of that bundle reuses it). A rule set that does not compile fails closed:
 * {@link #forBundle} throws, and the pipeline refuses calls and withholds results of that bundle. The HMAC key
 * of the {@code hash} action is the tenant's ({@link #useHashKey}, see {@link RedactionHashKey}) or, until one is
 * set, this agent process's own; it never leaves memory and is never logged.
 */
public final class BundleRedactors {

    private static final Logger LOG = LoggerFactory.getLogger(BundleRedactors.class);

    private record Compiled(ActiveBundle bundle, byte[] key, Redactor redactor, RedactionConfigException error) {}

    private final Redactor.Options options;
    private final AtomicReference<byte[]> hashKey = new AtomicReference<>();
    private final AtomicReference<Compiled> last = new AtomicReference<>();

    /**
     * @param hashKey the initial HMAC key, at least 16 bytes (copied)
     */
    public BundleRedactors(byte[] hashKey, Redactor.Options options) {
        this.options = requireNonNull(options, "options");
        useHashKey(hashKey);
    }

    /**
     * Uses {@code key} (at least 16 bytes, copied) for the {@code hash} action from now on; the bundle in force is
     * recompiled on its next use.
     *
     * @throws RedactionConfigException when the key is too short
     */
    public void useHashKey(byte[] key) {
        requireNonNull(key, "hashKey");
        byte[] copy = Arrays.copyOf(key, key.length);
        Redactor.compile(List.of(), copy, options); // rejects a short key now, not per request
        hashKey.set(copy);
        last.set(null);
    }

    /**
     * The redactor of {@code bundle}.
     *
     * @throws RedactionConfigException when the bundle's rules do not compile
     */
    public Redactor forBundle(ActiveBundle bundle) {
        requireNonNull(bundle, "bundle");
        Compiled compiled = last.get();
        byte[] key = hashKey.get();
        if (compiled == null || compiled.bundle() != bundle || compiled.key() != key) {
            compiled = compile(bundle, key);
            last.set(compiled);
        }
        if (compiled.error() != null) {
            throw compiled.error();
        }
        return compiled.redactor();
    }

    private Compiled compile(ActiveBundle bundle, byte[] key) {
        List<RedactionRule> rules =
                bundle.source() == null ? List.of() : bundle.source().redactionRules();
        try {
            return new Compiled(bundle, key, Redactor.compile(rules, key, options), null);
        } catch (RedactionConfigException e) {
            LOG.error(
                    "bundle v{}: redaction rules rejected, tool calls fail closed: {}",
                    bundle.metadata().version(),
                    e.getMessage());
            return new Compiled(bundle, key, null, e);
        }
    }
}
