package io.gatehouse.engine.guard;

import io.gatehouse.engine.match.IpAddresses;
import java.util.Set;

/**
 * Host names that reach internal services without an IP literal: cloud metadata names, special-use
 * and private-use domains, single-label names (resolved through the local search domain), and
 * wildcard-DNS names that embed an IP address ({@code 127.0.0.1.nip.io}, {@code 10-0-0-1.sslip.io},
 * {@code 0a000001.nip.io}). Stateless.
 */
final class SpecialNames {

    private static final Set<String> METADATA_NAMES = Set.of(
            "metadata.google.internal",
            "metadata.goog",
            "metadata",
            "instance-data",
            "instance-data.ec2.internal",
            "metadata.azure.internal",
            "metadata.tencentyun.com",
            "metadata.oraclecloud.com");

    private static final Set<String> PRIVATE_SUFFIXES = Set.of(
            "localhost",
            "local",
            "internal",
            "intranet",
            "lan",
            "home",
            "corp",
            "private",
            "home.arpa",
            "localdomain",
            "onion",
            "test",
            "invalid",
            "example",
            "in-addr.arpa",
            "ip6.arpa");

    private SpecialNames() {}

    static boolean isMetadata(String host) {
        return METADATA_NAMES.contains(host);
    }

    /** Why {@code host} names an internal destination, or null. */
    static Problem privateName(String host) {
        if (host.indexOf('.') < 0) {
            return new Problem(
                    GuardReason.URL_PRIVATE_ADDRESS,
                    "single-label host name (resolved through the local search domain)");
        }
        for (String suffix : PRIVATE_SUFFIXES) {
            if (host.equals(suffix) || host.endsWith("." + suffix)) {
                return new Problem(GuardReason.URL_PRIVATE_ADDRESS, "special-use or private domain '." + suffix + "'");
            }
        }
        return null;
    }

    /** Addresses a wildcard-DNS name would resolve to, read from its labels; checked by the caller. */
    static byte[] embeddedAddress(String host, AddressPolicy policy) {
        String[] labels = host.split("\\.");
        for (int i = 0; i + 4 <= labels.length; i++) {
            byte[] dotted =
                    IpAddresses.parseIpv4(labels[i] + "." + labels[i + 1] + "." + labels[i + 2] + "." + labels[i + 3]);
            if (dotted != null && policy.problem(dotted) != null) {
                return dotted;
            }
        }
        for (String label : labels) {
            byte[] candidate = null;
            if (label.chars().filter(c -> c == '-').count() >= 3) {
                // 10-0-0-1 or prefix-10-0-0-1: take the last four dash-separated parts
                String[] parts = label.split("-");
                if (parts.length >= 4) {
                    int n = parts.length;
                    candidate = IpAddresses.parseIpv4(
                            parts[n - 4] + "." + parts[n - 3] + "." + parts[n - 2] + "." + parts[n - 1]);
                }
            } else if (label.length() == 8 && label.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                long v = Long.parseLong(label, 16);
                candidate = new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
            }
            if (candidate != null && policy.problem(candidate) != null) {
                return candidate;
            }
        }
        return null;
    }
}
