package io.gatehouse.engine.guard;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Configuration of a {@link UrlGuard}. Start from {@link #defaults()} and adjust with the
 * {@code with*} methods.
 *
 * @param allowedSchemes lower-case schemes that may pass; a subset of {@code http, https, ws, wss}
 *     (default {@code http, https}). Other schemes ({@code file}, {@code gopher}, {@code data}, …)
 *     can never be allowed
 * @param allowedDomains host patterns that may pass: {@code example.com} (exactly that host) or
 *     {@code *.example.com} (any subdomain at any depth, not the apex). Empty (default) = any
 *     public host. When non-empty, IP-literal hosts pass only if inside {@code allowedCidrs}
 * @param deniedDomains host patterns that never pass, checked before {@code allowedDomains}
 * @param allowedCidrs address blocks that override the built-in private/loopback/link-local/
 *     metadata blocks, e.g. {@code 10.20.0.0/16} for an internal API (default: none)
 * @param allowedPorts ports that may be used, explicit or implied by the scheme; empty (default) = any
 * @param dnsCheck resolve host names and deny when any address is blocked (default true); the
 *     lookup uses {@code resolver}
 * @param resolver the resolver for {@code dnsCheck}; empty (default) = the system resolver with a
 *     2-second timeout
 * @param maxLength longest accepted raw URL in UTF-16 units (default 8192)
 */
public record UrlGuardConfig(
        Set<String> allowedSchemes,
        List<String> allowedDomains,
        List<String> deniedDomains,
        List<String> allowedCidrs,
        Set<Integer> allowedPorts,
        boolean dnsCheck,
        Optional<HostResolver> resolver,
        int maxLength) {

    /** The schemes a URL guard can allow at all. */
    public static final Set<String> SUPPORTED_SCHEMES = Set.of("http", "https", "ws", "wss");

    /** Timeout of the default system resolver. */
    public static final Duration DEFAULT_DNS_TIMEOUT = Duration.ofSeconds(2);

    public UrlGuardConfig {
        allowedSchemes = Set.copyOf(requireNonNull(allowedSchemes, "allowedSchemes"));
        allowedDomains = List.copyOf(requireNonNull(allowedDomains, "allowedDomains"));
        deniedDomains = List.copyOf(requireNonNull(deniedDomains, "deniedDomains"));
        allowedCidrs = List.copyOf(requireNonNull(allowedCidrs, "allowedCidrs"));
        allowedPorts = Set.copyOf(requireNonNull(allowedPorts, "allowedPorts"));
        requireNonNull(resolver, "resolver");
        if (allowedSchemes.isEmpty()) {
            throw new IllegalArgumentException("allowedSchemes: empty (expected: some of " + SUPPORTED_SCHEMES + ")");
        }
        for (String scheme : allowedSchemes) {
            if (!SUPPORTED_SCHEMES.contains(scheme)) {
                throw new IllegalArgumentException(
                        "allowedSchemes: '" + scheme + "' (expected: lower-case, one of " + SUPPORTED_SCHEMES + ")");
            }
        }
        for (int port : allowedPorts) {
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("allowedPorts: " + port + " (expected: 1..65535)");
            }
        }
        if (maxLength < 16 || maxLength > 65_536) {
            throw new IllegalArgumentException("maxLength: " + maxLength + " (expected: 16..65536)");
        }
    }

    /** Safe defaults: http/https, any public host, no overrides, any port, DNS check on. */
    public static UrlGuardConfig defaults() {
        return new UrlGuardConfig(
                Set.of("http", "https"), List.of(), List.of(), List.of(), Set.of(), true, Optional.empty(), 8192);
    }

    public UrlGuardConfig withAllowedSchemes(Set<String> value) {
        return new UrlGuardConfig(
                value, allowedDomains, deniedDomains, allowedCidrs, allowedPorts, dnsCheck, resolver, maxLength);
    }

    public UrlGuardConfig withAllowedDomains(List<String> value) {
        return new UrlGuardConfig(
                allowedSchemes, value, deniedDomains, allowedCidrs, allowedPorts, dnsCheck, resolver, maxLength);
    }

    public UrlGuardConfig withDeniedDomains(List<String> value) {
        return new UrlGuardConfig(
                allowedSchemes, allowedDomains, value, allowedCidrs, allowedPorts, dnsCheck, resolver, maxLength);
    }

    public UrlGuardConfig withAllowedCidrs(List<String> value) {
        return new UrlGuardConfig(
                allowedSchemes, allowedDomains, deniedDomains, value, allowedPorts, dnsCheck, resolver, maxLength);
    }

    public UrlGuardConfig withAllowedPorts(Set<Integer> value) {
        return new UrlGuardConfig(
                allowedSchemes, allowedDomains, deniedDomains, allowedCidrs, value, dnsCheck, resolver, maxLength);
    }

    public UrlGuardConfig withDnsCheck(boolean value) {
        return new UrlGuardConfig(
                allowedSchemes, allowedDomains, deniedDomains, allowedCidrs, allowedPorts, value, resolver, maxLength);
    }

    public UrlGuardConfig withResolver(HostResolver value) {
        return new UrlGuardConfig(
                allowedSchemes,
                allowedDomains,
                deniedDomains,
                allowedCidrs,
                allowedPorts,
                dnsCheck,
                Optional.of(value),
                maxLength);
    }

    public UrlGuardConfig withMaxLength(int value) {
        return new UrlGuardConfig(
                allowedSchemes, allowedDomains, deniedDomains, allowedCidrs, allowedPorts, dnsCheck, resolver, value);
    }
}
