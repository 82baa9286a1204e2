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
 * of the {@code hash} action is this agent's; it never leaves memory and is never logged.
 */
public final class BundleRedactors {

    private static final Logger LOG = LoggerFactory.getLogger(BundleRedactors.class);

    private record Compiled(ActiveBundle bundle, Redactor redactor, RedactionConfigException error) {}

    private final byte[] hashKey;
    private final Redactor.Options options;
    private final AtomicReference<Compiled> last = new AtomicReference<>();

    /**
     * @param hashKey the agent's HMAC key, at least 16 bytes (copied)
     */
    public BundleRedactors(byte[] hashKey, Redactor.Options options) {
        requireNonNull(hashKey, "hashKey");
        this.options = requireNonNull(options, "options");
        this.hashKey = Arrays.copyOf(hashKey, hashKey.length);
        Redactor.compile(List.of(), this.hashKey, options); // rejects a short key now, not per request
    }

    /**
     * The redactor of {@code bundle}.
     *
     * @throws RedactionConfigException when the bundle's rules do not compile
     */
    public Redactor forBundle(ActiveBundle bundle) {
        requireNonNull(bundle, "bundle");
        Compiled compiled = last.get();
        if (compiled == null || compiled.bundle() != bundle) {
            compiled = compile(bundle);
            last.set(compiled);
        }
        if (compiled.error() != null) {
            throw compiled.error();
        }
        return compiled.redactor();
    }

    private Compiled compile(ActiveBundle bundle) {
        List<RedactionRule> rules =
                bundle.source() == null ? List.of() : bundle.source().redactionRules();
        try {
            return new Compiled(bundle, Redactor.compile(rules, hashKey, options), null);
        } catch (RedactionConfigException e) {
            LOG.error(
                    "bundle v{}: redaction rules rejected, tool calls fail closed: {}",
                    bundle.metadata().version(),
                    e.getMessage());
            return new Compiled(bundle, null, e);
        }
    }
}
