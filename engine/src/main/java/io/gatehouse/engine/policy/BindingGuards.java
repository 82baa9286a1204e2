package io.gatehouse.engine.policy;

import io.gatehouse.engine.guard.ArgumentGuard;
import io.gatehouse.engine.guard.ArgumentSelector;
import io.gatehouse.engine.guard.GuardVerdict;
import io.gatehouse.engine.guard.HostResolver;
import io.gatehouse.engine.guard.PathGuard;
import io.gatehouse.engine.guard.PathGuardConfig;
import io.gatehouse.engine.guard.UrlGuard;
import io.gatehouse.engine.guard.UrlGuardConfig;
import io.gatehouse.protocol.bundle.ArgumentGuardSpec;
import io.gatehouse.protocol.bundle.ToolBinding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The argument guards of every tool binding, compiled once and indexed by server. A {@code
 * tools/call} passes only when every guard of every binding matching its server and tool passes.
 */
final class BindingGuards {

    /** One compiled guard with the names a decision reports. */
    record Compiled(ToolBinding binding, ArgumentGuardSpec spec, ArgumentGuard guard) {}

    /** A denial by one guard. */
    record Denial(Compiled guard, GuardVerdict verdict) {}

    private final Map<String, List<Compiled>> byServer;

    private BindingGuards(Map<String, List<Compiled>> byServer) {
        this.byServer = byServer;
    }

    static BindingGuards compile(List<ToolBinding> bindings, HostResolver resolver) {
        Map<String, List<Compiled>> byServer = new HashMap<>();
        for (ToolBinding binding : bindings) {
            for (ArgumentGuardSpec spec : binding.argumentGuards()) {
                String at = "toolBindings[" + binding.id() + "].argumentGuards[" + spec.argument() + "]";
                ArgumentGuard guard = CompiledRule.guarded(at, () -> guard(spec, resolver));
                byServer.computeIfAbsent(binding.serverId(), k -> new ArrayList<>())
                        .add(new Compiled(binding, spec, guard));
            }
        }
        Map<String, List<Compiled>> frozen = new HashMap<>();
        byServer.forEach((server, list) -> frozen.put(server, List.copyOf(list)));
        return new BindingGuards(Map.copyOf(frozen));
    }

    private static ArgumentGuard guard(ArgumentGuardSpec spec, HostResolver resolver) {
        ArgumentSelector selector = ArgumentSelector.parse(spec.argument());
        ArgumentGuard.MissingArgument missing =
                spec.missingAllowed() ? ArgumentGuard.MissingArgument.ALLOW : ArgumentGuard.MissingArgument.DENY;
        return switch (spec.kind()) {
            case PATH ->
                new ArgumentGuard(selector, PathGuard.compile(PathGuardConfig.allowing(spec.allow())), missing);
            case URL -> {
                UrlGuardConfig config = UrlGuardConfig.defaults()
                        .withAllowedDomains(spec.allow())
                        .withAllowedCidrs(spec.allowedCidrs())
                        .withDnsCheck(spec.dnsCheckEnabled());
                if (!spec.schemes().isEmpty()) {
                    Set<String> schemes = new LinkedHashSet<>();
                    spec.schemes().forEach(s -> schemes.add(s.toLowerCase(Locale.ROOT)));
                    config = config.withAllowedSchemes(schemes);
                }
                if (resolver != null) {
                    config = config.withResolver(resolver);
                }
                yield new ArgumentGuard(selector, UrlGuard.compile(config), missing);
            }
        };
    }

    /** The first denial for a call of {@code tool} on {@code serverId}, if any. */
    Optional<Denial> check(String serverId, String tool, com.fasterxml.jackson.databind.JsonNode arguments) {
        List<Compiled> guards = byServer.get(serverId);
        if (guards == null) {
            return Optional.empty();
        }
        for (Compiled compiled : guards) {
            if (!compiled.binding().matches(tool)) {
                continue;
            }
            GuardVerdict verdict = compiled.guard().check(arguments);
            if (!verdict.allowed()) {
                return Optional.of(new Denial(compiled, verdict));
            }
        }
        return Optional.empty();
    }

    int size() {
        return byServer.values().stream().mapToInt(List::size).sum();
    }
}
