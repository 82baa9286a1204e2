package io.gatehouse.engine.guard;

import static java.util.Objects.requireNonNull;

import io.gatehouse.engine.match.CidrMatcher;
import io.gatehouse.engine.match.IpAddresses;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks a URL argument against SSRF rules after canonicalisation. Compiled once from a
 * {@link UrlGuardConfig}; {@link #check(String)} is thread-safe. The only I/O is the optional DNS
 * check.
 *
 * <p>The URL is read the way the WHATWG URL standard (browsers, Node, most HTTP clients) reads it,
 * and every construct on which RFC 3986 parsers and WHATWG parsers disagree is denied rather than
 * guessed: backslashes, whitespace and control characters anywhere, userinfo, missing or extra
 * slashes after the scheme, percent-encoded hosts, non-canonical IPv4 notation. See
 * {@code docs/argument-guards.md}.
 */
public final class UrlGuard implements ValueGuard {

    private static final Map<String, Integer> DEFAULT_PORTS = Map.of("http", 80, "https", 443, "ws", 80, "wss", 443);

    private final UrlGuardConfig config;
    private final Set<String> schemes;
    private final DomainSet allowedDomains;
    private final DomainSet deniedDomains;
    private final AddressPolicy addresses;
    private final HostResolver resolver;

    private UrlGuard(UrlGuardConfig config, DomainSet allowed, DomainSet denied, AddressPolicy addresses) {
        this.config = config;
        this.schemes = config.allowedSchemes();
        this.allowedDomains = allowed;
        this.deniedDomains = denied;
        this.addresses = addresses;
        this.resolver = config.resolver().orElseGet(() -> HostResolver.system(UrlGuardConfig.DEFAULT_DNS_TIMEOUT));
    }

    /**
     * Compiles {@code config}.
     *
     * @throws IllegalArgumentException naming the invalid domain pattern or CIDR
     */
    public static UrlGuard compile(UrlGuardConfig config) {
        requireNonNull(config, "config");
        CidrMatcher overrides;
        try {
            overrides = CidrMatcher.of(config.allowedCidrs());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("allowedCidrs: " + e.getMessage(), e);
        }
        return new UrlGuard(
                config,
                DomainSet.compile("allowedDomains", config.allowedDomains()),
                DomainSet.compile("deniedDomains", config.deniedDomains()),
                new AddressPolicy(overrides));
    }

    /** Checks one raw URL argument. Never throws for hostile input. */
    @Override
    public GuardVerdict check(String rawUrl) {
        if (rawUrl == null || rawUrl.isEmpty()) {
            return deny(GuardReason.URL_EMPTY, "empty URL");
        }
        if (rawUrl.length() > config.maxLength()) {
            return deny(GuardReason.URL_TOO_LONG, rawUrl.length() + " characters (limit " + config.maxLength() + ")");
        }
        Problem problem = scan(rawUrl);
        if (problem != null) {
            return deny(problem.reason(), problem.detail());
        }
        int colon = rawUrl.indexOf(':');
        if (colon <= 0 || !isScheme(rawUrl, colon)) {
            return deny(GuardReason.URL_MALFORMED, "no scheme (expected an absolute URL such as https://example.com/)");
        }
        String scheme = rawUrl.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme)) {
            return deny(GuardReason.URL_SCHEME, "scheme '" + scheme + "' is not allowed");
        }
        if (!rawUrl.startsWith("//", colon + 1) || rawUrl.startsWith("///", colon + 1)) {
            return deny(GuardReason.URL_MALFORMED, "expected exactly '//' after '" + scheme + ":'");
        }
        int authorityStart = colon + 3;
        int authorityEnd = authorityStart;
        while (authorityEnd < rawUrl.length() && "/?#".indexOf(rawUrl.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        String authority = rawUrl.substring(authorityStart, authorityEnd);
        if (authority.indexOf('@') >= 0) {
            return deny(GuardReason.URL_USERINFO, "credentials or '@' in the authority");
        }
        int portSeparator = portSeparator(authority);
        String hostText = portSeparator < 0 ? authority : authority.substring(0, portSeparator);
        int defaultPort = DEFAULT_PORTS.get(scheme);
        int port = defaultPort;
        if (portSeparator >= 0) {
            String portText = authority.substring(portSeparator + 1);
            if (portText.isEmpty()
                    || portText.length() > 5
                    || !portText.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (portText.length() > 1 && portText.charAt(0) == '0')) {
                return deny(GuardReason.URL_PORT, "port is not a plain decimal number 1..65535");
            }
            port = Integer.parseInt(portText);
            if (port < 1 || port > 65_535) {
                return deny(GuardReason.URL_PORT, "port " + port + " is out of range");
            }
        }
        Object parsed = HostParser.parse(hostText);
        if (parsed instanceof Problem p) {
            return deny(p.reason(), p.detail());
        }
        HostParser.Host host = (HostParser.Host) parsed;
        String rest = rawUrl.substring(authorityEnd);
        int hash = rest.indexOf('#');
        String pathAndQuery = hash < 0 ? rest : rest.substring(0, hash);
        String canonical = scheme + "://" + host.urlForm() + (port == defaultPort ? "" : ":" + port)
                + (pathAndQuery.startsWith("/") ? "" : "/") + pathAndQuery;

        problem = host.kind() == HostParser.Kind.NAME ? checkName(host.text()) : checkAddress(host);
        if (problem != null) {
            return GuardVerdict.deny(problem.reason(), canonical, problem.detail());
        }
        if (!config.allowedPorts().isEmpty() && !config.allowedPorts().contains(port)) {
            return GuardVerdict.deny(GuardReason.URL_PORT, canonical, "port " + port + " is not allowed");
        }
        return GuardVerdict.allow(canonical);
    }

    /** The configuration this guard was compiled from. */
    public UrlGuardConfig config() {
        return config;
    }

    private Problem checkName(String host) {
        if (SpecialNames.isMetadata(host)) {
            return new Problem(GuardReason.URL_METADATA_ADDRESS, "cloud metadata host name");
        }
        if (deniedDomains.matches(host)) {
            return new Problem(GuardReason.URL_DOMAIN_DENIED, "host matches a denied domain");
        }
        boolean explicitlyAllowed = !allowedDomains.isEmpty() && allowedDomains.matches(host);
        if (!allowedDomains.isEmpty() && !explicitlyAllowed) {
            return new Problem(GuardReason.URL_DOMAIN_NOT_ALLOWED, "host matches no allowed domain");
        }
        if (!explicitlyAllowed) {
            Problem special = SpecialNames.privateName(host);
            if (special != null) {
                return special;
            }
            byte[] embedded = SpecialNames.embeddedAddress(host, addresses);
            if (embedded != null) {
                Problem inner = addresses.problem(embedded);
                return new Problem(inner.reason(), "host name embeds " + inner.detail() + " (wildcard-DNS rebinding)");
            }
        }
        if (!config.dnsCheck()) {
            return null;
        }
        List<InetAddress> resolved;
        try {
            resolved = resolver.resolve(host);
        } catch (IOException | RuntimeException e) {
            return new Problem(
                    GuardReason.URL_DNS_FAILURE,
                    "host name did not resolve (" + e.getClass().getSimpleName() + ")");
        }
        if (resolved == null || resolved.isEmpty()) {
            return new Problem(GuardReason.URL_DNS_FAILURE, "host name resolved to no address");
        }
        for (InetAddress address : resolved) {
            Problem p = addresses.problem(address.getAddress());
            if (p != null) {
                return new Problem(p.reason(), "host name resolves to " + p.detail());
            }
        }
        return null;
    }

    private Problem checkAddress(HostParser.Host host) {
        Problem p = addresses.problem(host.address());
        if (p == null && host.alternative() != null) {
            p = addresses.problem(host.alternative());
            if (p != null) {
                p = new Problem(p.reason(), p.detail() + " when leading zeros are read as decimal");
            }
        }
        if (p != null) {
            return p;
        }
        if (!host.strictNotation()) {
            return new Problem(
                    GuardReason.URL_IP_NOTATION,
                    "IPv4 address in a non-standard notation (parsers disagree on it; write "
                            + IpAddresses.format(host.address()) + ")");
        }
        if (!allowedDomains.isEmpty() && !addresses.overridden(host.address())) {
            return new Problem(GuardReason.URL_DOMAIN_NOT_ALLOWED, "IP address host while a domain allowlist is set");
        }
        return null;
    }

    /** Index of the ':' that starts the port, or -1. */
    private static int portSeparator(String authority) {
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                return -1; // HostParser reports the unterminated literal
            }
            return close + 1 < authority.length() && authority.charAt(close + 1) == ':' ? close + 1 : -1;
        }
        return authority.lastIndexOf(':');
    }

    private static boolean isScheme(String s, int colon) {
        if (!Character.isLetter(s.charAt(0)) || s.charAt(0) > 0x7f) {
            return false;
        }
        for (int i = 1; i < colon; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '+'
                    || c == '-'
                    || c == '.';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static Problem scan(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0x20 && c < 0x7f) {
                if (c == '\\') {
                    return new Problem(
                            GuardReason.URL_BACKSLASH, "backslash at index " + i + " (parsers disagree on it)");
                }
                continue;
            }
            int type = Character.getType(c);
            if (c <= 0x20
                    || c == 0x7f
                    || type == Character.CONTROL
                    || type == Character.FORMAT
                    || type == Character.SPACE_SEPARATOR
                    || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR) {
                return new Problem(
                        GuardReason.URL_CONTROL_CHARACTER,
                        String.format("whitespace, control or invisible character U+%04X at index %d", (int) c, i));
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return new Problem(GuardReason.URL_MALFORMED, "unpaired surrogate at index " + i);
            }
            if (c == '\uFF3C' || c == '\uFE68') {
                return new Problem(GuardReason.URL_BACKSLASH, "full-width or small backslash at index " + i);
            }
        }
        return null;
    }

    private static GuardVerdict deny(GuardReason reason, String detail) {
        return GuardVerdict.deny(reason, "", detail);
    }
}
