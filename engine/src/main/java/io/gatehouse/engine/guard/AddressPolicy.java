package io.gatehouse.engine.guard;

import io.gatehouse.engine.match.CidrMatcher;
import io.gatehouse.engine.match.IpAddresses;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in address blocks of the URL guard (loopback, private, link-local, CGNAT, reserved,
 * multicast, documentation, cloud metadata) and the IPv6 forms that embed an IPv4 address.
 * Operator overrides ({@code allowedCidrs}) win over every block. Immutable.
 */
final class AddressPolicy {

    private static final Map<String, String> METADATA = linked(
            "169.254.169.254/32", "cloud instance metadata (AWS, GCP, Azure, OpenStack)",
            "169.254.170.2/32", "AWS ECS task metadata",
            "169.254.169.253/32", "AWS VPC DNS",
            "169.254.169.123/32", "AWS time sync",
            "100.100.100.200/32", "Alibaba Cloud metadata",
            "192.0.0.192/32", "Oracle Cloud metadata",
            "fd00:ec2::/32", "AWS IPv6 instance metadata");

    private static final Map<String, String> BLOCKED = linked(
            "0.0.0.0/8", "'this network' (0.0.0.0/8)",
            "10.0.0.0/8", "private (10.0.0.0/8)",
            "100.64.0.0/10", "carrier-grade NAT (100.64.0.0/10)",
            "127.0.0.0/8", "loopback (127.0.0.0/8)",
            "169.254.0.0/16", "link-local (169.254.0.0/16)",
            "172.16.0.0/12", "private (172.16.0.0/12)",
            "192.0.0.0/24", "IETF protocol assignments (192.0.0.0/24)",
            "192.0.2.0/24", "documentation (192.0.2.0/24)",
            "192.88.99.0/24", "6to4 relay anycast (192.88.99.0/24)",
            "192.168.0.0/16", "private (192.168.0.0/16)",
            "198.18.0.0/15", "benchmarking (198.18.0.0/15)",
            "198.51.100.0/24", "documentation (198.51.100.0/24)",
            "203.0.113.0/24", "documentation (203.0.113.0/24)",
            "224.0.0.0/4", "multicast (224.0.0.0/4)",
            "240.0.0.0/4", "reserved (240.0.0.0/4, incl. broadcast)",
            "::/128", "unspecified (::)",
            "::1/128", "loopback (::1)",
            "::/96", "IPv4-compatible IPv6 (deprecated, ::/96)",
            "::ffff:0:0:0/96", "IPv4-translated IPv6 (::ffff:0:0:0/96)",
            "64:ff9b:1::/48", "local-use NAT64 (64:ff9b:1::/48)",
            "100::/64", "discard-only (100::/64)",
            "2001::/32", "Teredo tunnel (2001::/32); the embedded address cannot be verified",
            "2001:2::/48", "benchmarking (2001:2::/48)",
            "2001:10::/28", "ORCHID (2001:10::/28)",
            "2001:20::/28", "ORCHIDv2 (2001:20::/28)",
            "2001:db8::/32", "documentation (2001:db8::/32)",
            "3fff::/20", "documentation (3fff::/20)",
            "5f00::/16", "segment routing (5f00::/16)",
            "fc00::/7", "unique local (fc00::/7)",
            "fe80::/10", "link-local (fe80::/10)",
            "fec0::/10", "site-local (deprecated, fec0::/10)",
            "ff00::/8", "multicast (ff00::/8)");

    private static final CidrMatcher METADATA_ALL = CidrMatcher.of(List.copyOf(METADATA.keySet()));
    private static final CidrMatcher BLOCKED_ALL = CidrMatcher.of(List.copyOf(BLOCKED.keySet()));
    private static final List<Map.Entry<CidrMatcher, String>> METADATA_NAMED = named(METADATA);
    private static final List<Map.Entry<CidrMatcher, String>> BLOCKED_NAMED = named(BLOCKED);

    private static final CidrMatcher NAT64 = CidrMatcher.of("64:ff9b::/96");
    private static final CidrMatcher SIX_TO_FOUR = CidrMatcher.of("2002::/16");

    private final CidrMatcher overrides;

    AddressPolicy(CidrMatcher overrides) {
        this.overrides = overrides;
    }

    /** Why {@code address} (4 or 16 bytes) is blocked, or null when it may be used. */
    Problem problem(byte[] address) {
        if (overrides.contains(address)) {
            return null;
        }
        byte[] embedded = embeddedIpv4(address);
        if (embedded != null) {
            Problem inner = problem(embedded);
            if (inner != null) {
                return new Problem(inner.reason(), inner.detail() + " embedded in IPv6 " + IpAddresses.format(address));
            }
            return null;
        }
        if (METADATA_ALL.contains(address)) {
            return new Problem(GuardReason.URL_METADATA_ADDRESS, name(METADATA_NAMED, address));
        }
        if (BLOCKED_ALL.contains(address)) {
            return new Problem(GuardReason.URL_PRIVATE_ADDRESS, name(BLOCKED_NAMED, address));
        }
        return null;
    }

    /** True when {@code address} is inside an operator override. */
    boolean overridden(byte[] address) {
        return overrides.contains(address);
    }

    /** The IPv4 address carried by an IPv4-mapped, NAT64 (64:ff9b::/96) or 6to4 address, else null. */
    static byte[] embeddedIpv4(byte[] address) {
        if (address.length != 16) {
            return null;
        }
        if (IpAddresses.isIpv4Mapped(address) || NAT64.contains(address)) {
            return new byte[] {address[12], address[13], address[14], address[15]};
        }
        if (SIX_TO_FOUR.contains(address)) {
            return new byte[] {address[2], address[3], address[4], address[5]};
        }
        return null;
    }

    private static String name(List<Map.Entry<CidrMatcher, String>> named, byte[] address) {
        // entries are checked in declaration order; a narrower block is declared before a wider one
        String found = null;
        for (Map.Entry<CidrMatcher, String> e : named) {
            if (e.getKey().contains(address)) {
                found = e.getValue();
                break;
            }
        }
        return found == null ? "reserved address" : found;
    }

    private static List<Map.Entry<CidrMatcher, String>> named(Map<String, String> blocks) {
        List<Map.Entry<CidrMatcher, String>> out = new ArrayList<>();
        blocks.forEach((cidr, name) -> out.add(Map.entry(CidrMatcher.of(cidr), name)));
        return List.copyOf(out);
    }

    private static Map<String, String> linked(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
