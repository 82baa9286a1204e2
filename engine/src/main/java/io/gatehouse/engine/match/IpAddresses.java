package io.gatehouse.engine.match;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Strict IP literal parsing without any name resolution: dotted-quad IPv4 ({@code 192.0.2.1}, four
 * decimal parts, no leading zeros) and RFC 4291 IPv6 text ({@code ::1}, {@code ::ffff:192.0.2.1};
 * no zone id, no brackets). Everything else is not an IP literal.
 */
public final class IpAddresses {

    private IpAddresses() {}

    /** The 4 or 16 address bytes of a strict literal, or empty when {@code text} is not one. */
    public static Optional<byte[]> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        byte[] v4 = parseIpv4(text);
        if (v4 != null) {
            return Optional.of(v4);
        }
        return Optional.ofNullable(parseIpv6(text));
    }

    /** Strict dotted-quad IPv4: exactly four decimal parts 0-255 without leading zeros, or null. */
    public static byte[] parseIpv4(String text) {
        byte[] out = new byte[4];
        int part = 0;
        int i = 0;
        int n = text.length();
        while (part < 4) {
            int start = i;
            int value = 0;
            while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                value = value * 10 + (text.charAt(i) - '0');
                i++;
                if (i - start > 3) {
                    return null;
                }
            }
            int len = i - start;
            if (len == 0 || value > 255 || (len > 1 && text.charAt(start) == '0')) {
                return null;
            }
            out[part++] = (byte) value;
            if (part < 4) {
                if (i >= n || text.charAt(i) != '.') {
                    return null;
                }
                i++;
            }
        }
        return i == n ? out : null;
    }

    /** RFC 4291 IPv6 text form (optionally with an embedded dotted-quad tail), or null. */
    public static byte[] parseIpv6(String text) {
        int n = text.length();
        if (n < 2 || n > 45 || text.indexOf(':') < 0) {
            return null;
        }
        int[] groups = new int[8];
        int count = 0;
        int compressAt = -1;
        int i = 0;
        if (text.startsWith("::")) {
            compressAt = 0;
            i = 2;
            if (i == n) {
                return new byte[16];
            }
        } else if (text.charAt(0) == ':') {
            return null;
        }
        while (i < n) {
            if (count == 8) {
                return null;
            }
            int start = i;
            int value = 0;
            while (i < n && Character.digit(text.charAt(i), 16) >= 0 && i - start < 4) {
                value = (value << 4) | Character.digit(text.charAt(i), 16);
                i++;
            }
            if (i < n && text.charAt(i) == '.') {
                // embedded IPv4 tail: must be the last 32 bits
                byte[] v4 = parseIpv4(text.substring(start));
                if (v4 == null || count > 6) {
                    return null;
                }
                groups[count++] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
                groups[count++] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
                i = n;
                break;
            }
            if (i == start) {
                return null;
            }
            groups[count++] = value;
            if (i == n) {
                break;
            }
            if (text.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < n && text.charAt(i) == ':') {
                if (compressAt >= 0) {
                    return null;
                }
                compressAt = count;
                i++;
                if (i == n) {
                    break;
                }
            } else if (i == n) {
                return null;
            }
        }
        if (compressAt < 0 && count != 8) {
            return null;
        }
        if (compressAt >= 0 && count > 7) {
            return null;
        }
        byte[] out = new byte[16];
        int fill = 8 - count;
        int g = 0;
        for (int k = 0; k < 8; k++) {
            int value;
            if (compressAt >= 0 && k >= compressAt && k < compressAt + fill) {
                value = 0;
            } else {
                value = groups[g++];
            }
            out[2 * k] = (byte) (value >>> 8);
            out[2 * k + 1] = (byte) value;
        }
        return out;
    }

    /**
     * The address bytes of {@code address}; an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d})
     * becomes its 4 IPv4 bytes so that one rule covers both forms.
     */
    public static byte[] bytesOf(InetAddress address) {
        byte[] raw = address.getAddress();
        if (address instanceof Inet6Address && isIpv4Mapped(raw)) {
            return new byte[] {raw[12], raw[13], raw[14], raw[15]};
        }
        return raw;
    }

    /** True for {@code ::ffff:0:0/96}. */
    public static boolean isIpv4Mapped(byte[] v6) {
        if (v6.length != 16) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (v6[i] != 0) {
                return false;
            }
        }
        return v6[10] == (byte) 0xff && v6[11] == (byte) 0xff;
    }

    /** RFC 5952 text for 16 bytes, dotted quad for 4. */
    public static String format(byte[] address) {
        if (address.length == 4) {
            return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "."
                    + (address[3] & 0xff);
        }
        if (address.length != 16) {
            throw new IllegalArgumentException("address: " + address.length + " bytes (expected: 4 or 16)");
        }
        int[] groups = new int[8];
        for (int k = 0; k < 8; k++) {
            groups[k] = ((address[2 * k] & 0xff) << 8) | (address[2 * k + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int k = 0; k < 8; ) {
            if (groups[k] != 0) {
                k++;
                continue;
            }
            int start = k;
            while (k < 8 && groups[k] == 0) {
                k++;
            }
            if (k - start > bestLen && k - start >= 2) {
                bestStart = start;
                bestLen = k - start;
            }
        }
        StringBuilder sb = new StringBuilder(39);
        for (int k = 0; k < 8; k++) {
            if (k == bestStart) {
                sb.append("::");
                k += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[k]));
        }
        return sb.toString();
    }

    /** An {@link InetAddress} for raw bytes, without any name lookup. */
    public static InetAddress toInetAddress(byte[] address) {
        try {
            return InetAddress.getByAddress(address);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("address: " + address.length + " bytes (expected: 4 or 16)", e);
        }
    }
}
