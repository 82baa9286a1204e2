package io.gatehouse.engine.guard;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Compiled host patterns: {@code example.com} matches exactly that host, {@code *.example.com} any
 * subdomain at any depth (not the apex). Patterns are canonicalised like hosts (UTS 46, lower case,
 * trailing dot removed). Lookup walks the host's suffixes: {@code O(labels)} hash lookups. Immutable.
 */
final class DomainSet {

    private final Set<String> exact;
    private final Set<String> wildcardSuffixes;

    private DomainSet(Set<String> exact, Set<String> wildcardSuffixes) {
        this.exact = exact;
        this.wildcardSuffixes = wildcardSuffixes;
    }

    static DomainSet compile(String field, List<String> patterns) {
        Set<String> exact = new HashSet<>();
        Set<String> wildcard = new HashSet<>();
        for (String pattern : patterns) {
            if (pattern == null || pattern.isBlank()) {
                throw new IllegalArgumentException(field + ": empty pattern (expected: example.com or *.example.com)");
            }
            boolean isWildcard = pattern.startsWith("*.");
            String body = isWildcard ? pattern.substring(2) : pattern;
            if (body.contains("*")) {
                throw new IllegalArgumentException(field + ": '" + pattern
                        + "' (expected: '*.' only as the first label, e.g. *.example.com; '*' alone is not a pattern)");
            }
            Object parsed = HostParser.parse(body);
            if (!(parsed instanceof HostParser.Host host) || host.kind() != HostParser.Kind.NAME) {
                String why = parsed instanceof Problem p ? p.detail() : "an IP address (use allowedCidrs)";
                throw new IllegalArgumentException(
                        field + ": '" + pattern + "' is not a host name pattern (" + why + ")");
            }
            if (isWildcard && !host.text().contains(".")) {
                throw new IllegalArgumentException(
                        field + ": '" + pattern + "' covers a whole top-level domain (expected: *.example.com)");
            }
            (isWildcard ? wildcard : exact).add(host.text());
        }
        return new DomainSet(Set.copyOf(exact), Set.copyOf(wildcard));
    }

    boolean isEmpty() {
        return exact.isEmpty() && wildcardSuffixes.isEmpty();
    }

    boolean matches(String asciiHost) {
        if (exact.contains(asciiHost)) {
            return true;
        }
        if (wildcardSuffixes.isEmpty()) {
            return false;
        }
        for (int dot = asciiHost.indexOf('.'); dot >= 0; dot = asciiHost.indexOf('.', dot + 1)) {
            if (wildcardSuffixes.contains(asciiHost.substring(dot + 1))) {
                return true;
            }
        }
        return false;
    }
}
