package io.gatehouse.engine.match;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * A compiled set of IPv4 and IPv6 CIDR blocks. Blocks are merged into sorted, disjoint ranges at
 * compile time, so a lookup is one binary search ({@code O(log n)}) with no allocation.
 *
 * <p>An IPv4-mapped IPv6 address ({@code ::ffff:10.0.0.1}) is looked up as the IPv4 address it
 * carries; other IPv6 addresses only ever match IPv6 blocks. Immutable and thread-safe.
 */
public final class CidrMatcher {

    private static final CidrMatcher EMPTY = new CidrMatcher(new long[0], new long[0], List.of());

    /** IPv4 ranges: pairs {@code [start, end]} (inclusive), sorted and disjoint. */
    private final long[] v4;
    /** IPv6 ranges as (hi, lo) unsigned pairs: start at 4k, 4k+1; end at 4k+2, 4k+3. */
    private final long[] v6;

    private final List<String> blocks;

    private CidrMatcher(long[] v4, long[] v6, List<String> blocks) {
        this.v4 = v4;
        this.v6 = v6;
        this.blocks = blocks;
    }

    /** The matcher that contains nothing. */
    public static CidrMatcher empty() {
        return EMPTY;
    }

    /**
     * Compiles CIDR blocks such as {@code 10.0.0.0/8}, {@code 2001:db8::/32}, or single addresses
     * ({@code 192.0.2.7} = {@code /32}, {@code ::1} = {@code /128}).
     *
     * @throws IllegalArgumentException naming the first invalid block, e.g. one with host bits set
     */
    public static CidrMatcher of(Collection<String> cidrs) {
        requireNonNull(cidrs, "cidrs");
        List<long[]> ranges4 = new ArrayList<>();
        List<long[]> ranges6 = new ArrayList<>();
        List<String> normalized = new ArrayList<>();
        for (String cidr : cidrs) {
            requireNonNull(cidr, "cidrs contains null");
            String text = cidr.strip();
            int slash = text.indexOf('/');
            String addressText = slash < 0 ? text : text.substring(0, slash);
            byte[] address = IpAddresses.parse(addressText)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "cidr: '" + cidr + "' (expected: an IPv4 or IPv6 address, optionally with /prefix)"));
            int bits = address.length * 8;
            int prefix = bits;
            if (slash >= 0) {
                String prefixText = text.substring(slash + 1);
                if (!prefixText.matches("[0-9]{1,3}")
                        || (prefixText.length() > 1 && prefixText.startsWith("0"))
                        || Integer.parseInt(prefixText) > bits) {
                    throw new IllegalArgumentException(
                            "cidr: '" + cidr + "' has prefix '" + prefixText + "' (expected: 0.." + bits + ")");
                }
                prefix = Integer.parseInt(prefixText);
            }
            if (!hostBitsZero(address, prefix)) {
                throw new IllegalArgumentException("cidr: '" + cidr + "' has host bits set (expected: "
                        + IpAddresses.format(network(address, prefix)) + "/" + prefix + ")");
            }
            if (address.length == 4) {
                long start = toLong(address, 0, 4);
                long size = 1L << (32 - prefix);
                ranges4.add(new long[] {start, start + size - 1});
            } else {
                long hi = toLong(address, 0, 8);
                long lo = toLong(address, 8, 8);
                long[] end = lastOf(hi, lo, prefix);
                ranges6.add(new long[] {hi, lo, end[0], end[1]});
            }
            normalized.add(IpAddresses.format(address) + "/" + prefix);
        }
        return new CidrMatcher(merge4(ranges4), merge6(ranges6), List.copyOf(normalized));
    }

    /** Convenience for {@link #of(Collection)}. */
    public static CidrMatcher of(String... cidrs) {
        return of(Arrays.asList(cidrs));
    }

    /** Whether {@code address} lies in one of the blocks. */
    public boolean contains(InetAddress address) {
        return address != null && contains(IpAddresses.bytesOf(address));
    }

    /** Whether the 4- or 16-byte {@code address} lies in one of the blocks. */
    public boolean contains(byte[] address) {
        if (address.length == 4) {
            return contains4(toLong(address, 0, 4));
        }
        if (address.length == 16) {
            if (IpAddresses.isIpv4Mapped(address)) {
                return contains4(toLong(address, 12, 4));
            }
            return contains6(toLong(address, 0, 8), toLong(address, 8, 8));
        }
        return false;
    }

    /** True when no block was given. */
    public boolean isEmpty() {
        return v4.length == 0 && v6.length == 0;
    }

    /** The blocks as compiled, normalised to {@code address/prefix}. */
    public List<String> blocks() {
        return blocks;
    }

    private boolean contains4(long value) {
        int lowIdx = 0;
        int highIdx = v4.length / 2 - 1;
        while (lowIdx <= highIdx) {
            int mid = (lowIdx + highIdx) >>> 1;
            if (value < v4[2 * mid]) {
                highIdx = mid - 1;
            } else if (value > v4[2 * mid + 1]) {
                lowIdx = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    private boolean contains6(long hi, long lo) {
        int lowIdx = 0;
        int highIdx = v6.length / 4 - 1;
        while (lowIdx <= highIdx) {
            int mid = (lowIdx + highIdx) >>> 1;
            if (compare(hi, lo, v6[4 * mid], v6[4 * mid + 1]) < 0) {
                highIdx = mid - 1;
            } else if (compare(hi, lo, v6[4 * mid + 2], v6[4 * mid + 3]) > 0) {
                lowIdx = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    private static int compare(long hiA, long loA, long hiB, long loB) {
        int c = Long.compareUnsigned(hiA, hiB);
        return c != 0 ? c : Long.compareUnsigned(loA, loB);
    }

    private static long[] merge4(List<long[]> ranges) {
        ranges.sort(Comparator.comparingLong(r -> r[0]));
        List<long[]> merged = new ArrayList<>();
        for (long[] r : ranges) {
            long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && r[0] <= last[1] + 1) {
                last[1] = Math.max(last[1], r[1]);
            } else {
                merged.add(new long[] {r[0], r[1]});
            }
        }
        long[] out = new long[merged.size() * 2];
        for (int i = 0; i < merged.size(); i++) {
            out[2 * i] = merged.get(i)[0];
            out[2 * i + 1] = merged.get(i)[1];
        }
        return out;
    }

    private static long[] merge6(List<long[]> ranges) {
        ranges.sort((a, b) -> compare(a[0], a[1], b[0], b[1]));
        List<long[]> merged = new ArrayList<>();
        for (long[] r : ranges) {
            long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && adjacentOrOverlapping(last, r)) {
                if (compare(r[2], r[3], last[2], last[3]) > 0) {
                    last[2] = r[2];
                    last[3] = r[3];
                }
            } else {
                merged.add(r.clone());
            }
        }
        long[] out = new long[merged.size() * 4];
        for (int i = 0; i < merged.size(); i++) {
            System.arraycopy(merged.get(i), 0, out, 4 * i, 4);
        }
        return out;
    }

    private static boolean adjacentOrOverlapping(long[] last, long[] next) {
        if (compare(next[0], next[1], last[2], last[3]) <= 0) {
            return true;
        }
        // next.start == last.end + 1 ?
        long lo = last[3] + 1;
        long hi = lo == 0 ? last[2] + 1 : last[2];
        boolean overflow = last[2] == -1L && last[3] == -1L;
        return !overflow && next[0] == hi && next[1] == lo;
    }

    private static long[] lastOf(long hi, long lo, int prefix) {
        if (prefix >= 64) {
            int hostBits = 128 - prefix;
            long mask = hostBits == 64 ? -1L : (hostBits == 0 ? 0L : (1L << hostBits) - 1);
            return new long[] {hi, lo | mask};
        }
        int hostBits = 64 - prefix;
        long mask = hostBits == 64 ? -1L : (1L << hostBits) - 1;
        return new long[] {hi | mask, -1L};
    }

    private static boolean hostBitsZero(byte[] address, int prefix) {
        for (int bit = prefix; bit < address.length * 8; bit++) {
            if ((address[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] network(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int bit = prefix; bit < out.length * 8; bit++) {
            out[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return out;
    }

    private static long toLong(byte[] bytes, int offset, int length) {
        long value = 0;
        for (int i = 0; i < length; i++) {
            value = (value << 8) | (bytes[offset + i] & 0xff);
        }
        return value;
    }

    @Override
    public String toString() {
        return "CidrMatcher" + blocks;
    }
}
