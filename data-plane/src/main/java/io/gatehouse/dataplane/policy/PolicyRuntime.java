package io.gatehouse.dataplane.policy;

import static java.util.Objects.requireNonNull;

import io.gatehouse.dataplane.ratelimit.RateLimitEngine;
import io.gatehouse.dataplane.ratelimit.RateLimiter;
import io.gatehouse.engine.guard.HostResolver;
import io.gatehouse.engine.policy.PolicyEngine;
import io.gatehouse.engine.policy.PolicySet;
import io.gatehouse.protocol.bundle.Bundle;
import io.gatehouse.protocol.bundle.KillSwitch;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision state of the bundle in force (steps 6 and 7): the compiled {@link PolicyEngine} and
 * {@link RateLimiter}, swapped with every bundle. As a bundle-store stage it compiles both before
 * the swap (a rule that does not compile rejects the bundle) and, after it, hands the bundle's kill
 * switches to {@code onKillSwitches} so that open streams in a killed scope are closed.
 */
public final class PolicyRuntime implements io.gatehouse.dataplane.bundle.BundleStore.Stage, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyRuntime.class);

    /**
     * What the gates read for one request: taken once, so a request sees one bundle's rules.
     *
     * @param tenant the bundle's tenant (rate-limit keys)
     * @param policies the compiled policy engine
     * @param limits the compiled rate limits
     */
    public record Compiled(String tenant, PolicyEngine policies, RateLimiter limits) {}

    private final RateLimitEngine rateLimits;
    private final HostResolver resolver;
    private final Consumer<List<KillSwitch>> onKillSwitches;
    private final AtomicReference<Compiled> current = new AtomicReference<>();
    private final LongAdder denials = new LongAdder();
    private final LongAdder shadowDenials = new LongAdder();

    /**
     * @param rateLimits the agent's long-lived rate-limit engine (buckets survive bundle swaps)
     * @param resolver DNS for URL argument guards; null: the system resolver
     * @param onKillSwitches receives every applied bundle's kill switches
     */
    public PolicyRuntime(RateLimitEngine rateLimits, HostResolver resolver, Consumer<List<KillSwitch>> onKillSwitches) {
        this.rateLimits = requireNonNull(rateLimits, "rateLimits");
        this.resolver = resolver;
        this.onKillSwitches = requireNonNull(onKillSwitches, "onKillSwitches");
    }

    @Override
    public Runnable prepare(Bundle bundle) {
        PolicyEngine policies = PolicyEngine.compile(PolicySet.of(bundle), resolver);
        RateLimiter limits = rateLimits.compile(bundle.rateLimits());
        Compiled compiled = new Compiled(bundle.metadata().tenantId(), policies, limits);
        return () -> {
            current.set(compiled);
            LOG.info(
                    "policy v{}: {} rules, {} argument guards, default {}, {} rate limits ({})",
                    policies.bundleVersion(),
                    policies.ruleCount(),
                    policies.guardCount(),
                    policies.defaultEffect().name().toLowerCase(java.util.Locale.ROOT),
                    limits.size(),
                    rateLimits.shared() ? "shared through Redis" : "local");
            onKillSwitches.accept(bundle.killSwitches()); // an empty list lifts them
        };
    }

    /** The state in force; null before the first bundle. */
    public Compiled current() {
        return current.get();
    }

    public RateLimitEngine rateLimits() {
        return rateLimits;
    }

    /** Counts an enforced policy denial (metrics). */
    public void countDenial() {
        denials.increment();
    }

    /** Counts a shadow rule that would have denied (metrics). */
    public void countShadowDenial() {
        shadowDenials.increment();
    }

    public long denials() {
        return denials.sum();
    }

    public long shadowDenials() {
        return shadowDenials.sum();
    }

    @Override
    public void close() {
        rateLimits.close();
    }
}
