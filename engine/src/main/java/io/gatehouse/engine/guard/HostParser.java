package io.gatehouse.engine.guard;

import com.ibm.icu.text.IDNA;
import io.gatehouse.engine.match.IpAddresses;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Host canonicalisation with the WHATWG URL host rules: UTS 46 (IDNA 2008, non-transitional) to
 * A-labels, one trailing dot removed, IPv4 in every notation the WHATWG parser accepts
 * (decimal/octal/hex, 1–4 parts), bracketed IPv6. Stateless.
 */
final class HostParser {

    private static final int IDNA_OPTIONS =
            IDNA.CHECK_BIDI | IDNA.CHECK_CONTEXTJ | IDNA.CHECK_CONTEXTO | IDNA.USE_STD3_RULES;
    private static final IDNA NONTRANSITIONAL =
            IDNA.getUTS46Instance(IDNA_OPTIONS | IDNA.NONTRANSITIONAL_TO_ASCII | IDNA.NONTRANSITIONAL_TO_UNICODE);
    private static final IDNA TRANSITIONAL = IDNA.getUTS46Instance(IDNA_OPTIONS);

    private static final BigInteger MAX_IPV4 = BigInteger.valueOf(0xFFFFFFFFL);

    private HostParser() {}

    enum Kind {
        NAME,
        IPV4,
        IPV6
    }

    /**
     * A canonical host.
     *
     * @param text A-label name, dotted-quad or bracket-less RFC 5952 IPv6
     * @param address the address for IP hosts, else null
     * @param strictNotation for IPv4: written as a plain dotted quad
     * @param alternative for a non-strict IPv4 with leading zeros: the address when those parts are
     *     read as decimal (as some parsers do), else null
     */
    record Host(Kind kind, String text, byte[] address, boolean strictNotation, byte[] alternative) {
        String urlForm() {
            return kind == Kind.IPV6 ? "[" + text + "]" : text;
        }
    }

    /** Parses the host part of an authority (brackets included for IPv6); returns Host or Problem. */
    static Object parse(String raw) {
        if (raw.isEmpty()) {
            return new Problem(GuardReason.URL_MALFORMED, "empty host");
        }
        if (raw.indexOf('%') >= 0) {
            return new Problem(GuardReason.URL_HOST_ENCODING, "percent-encoding or zone id in the host");
        }
        if (raw.startsWith("[")) {
            if (!raw.endsWith("]")) {
                return new Problem(GuardReason.URL_HOST_INVALID, "unterminated IPv6 literal");
            }
            byte[] v6 = IpAddresses.parseIpv6(raw.substring(1, raw.length() - 1));
            if (v6 == null) {
                return new Problem(GuardReason.URL_HOST_INVALID, "invalid IPv6 literal");
            }
            return new Host(Kind.IPV6, IpAddresses.format(v6), v6, true, null);
        }
        if (raw.indexOf('[') >= 0 || raw.indexOf(']') >= 0) {
            return new Problem(GuardReason.URL_HOST_INVALID, "bracket outside an IPv6 literal");
        }
        String host = raw;
        if (!PathText.isAscii(host) || host.toLowerCase(java.util.Locale.ROOT).contains("xn--")) {
            Object mapped = toAscii(host);
            if (mapped instanceof Problem p) {
                return p;
            }
            host = (String) mapped;
        } else {
            host = host.toLowerCase(java.util.Locale.ROOT);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty()) {
            return new Problem(GuardReason.URL_HOST_INVALID, "host is only a dot");
        }
        String[] labels = host.split("\\.", -1);
        if (endsInNumber(labels[labels.length - 1])) {
            return parseIpv4(labels);
        }
        if (host.length() > 253) {
            return new Problem(GuardReason.URL_HOST_INVALID, "host name longer than 253 characters");
        }
        for (String label : labels) {
            if (label.isEmpty()) {
                return new Problem(GuardReason.URL_HOST_INVALID, "empty label (consecutive or trailing dots)");
            }
            if (label.length() > 63) {
                return new Problem(GuardReason.URL_HOST_INVALID, "label longer than 63 characters");
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
                if (!ok) {
                    return new Problem(GuardReason.URL_HOST_INVALID, "character '" + printable(c) + "' in the host");
                }
            }
        }
        return new Host(Kind.NAME, host, null, true, null);
    }

    private static Object toAscii(String host) {
        StringBuilder nonTransitional = new StringBuilder();
        IDNA.Info info = new IDNA.Info();
        NONTRANSITIONAL.nameToASCII(host, nonTransitional, info);
        if (info.hasErrors()) {
            return new Problem(GuardReason.URL_IDN, "host is not a valid internationalised name " + info.getErrors());
        }
        StringBuilder transitional = new StringBuilder();
        IDNA.Info info2 = new IDNA.Info();
        TRANSITIONAL.nameToASCII(host, transitional, info2);
        if (info2.hasErrors() || !transitional.toString().contentEquals(nonTransitional)) {
            return new Problem(
                    GuardReason.URL_IDN,
                    "host contains a deviation character (\u00df, \u03c2, ZWJ, ZWNJ) that IDNA 2003 and 2008 map differently");
        }
        return nonTransitional.toString();
    }

    private static boolean endsInNumber(String last) {
        if (last.isEmpty()) {
            return false;
        }
        if (last.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return true;
        }
        return last.startsWith("0x") && last.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    /** WHATWG IPv4 parser, plus the decimal reading of leading-zero parts. */
    private static Object parseIpv4(String[] labels) {
        if (labels.length > 4) {
            return new Problem(GuardReason.URL_HOST_INVALID, "more than four parts in a numeric host");
        }
        List<BigInteger> whatwg = new ArrayList<>(4);
        List<BigInteger> decimal = new ArrayList<>(4);
        boolean strict = labels.length == 4;
        boolean leadingZeros = false;
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 40) {
                return new Problem(GuardReason.URL_HOST_INVALID, "empty or oversized part in a numeric host");
            }
            BigInteger value;
            BigInteger asDecimal;
            try {
                if (label.startsWith("0x") || label.startsWith("0X")) {
                    value = label.length() == 2 ? BigInteger.ZERO : new BigInteger(label.substring(2), 16);
                    asDecimal = value;
                    strict = false;
                } else if (label.length() > 1 && label.startsWith("0")) {
                    value = new BigInteger(label.substring(1), 8);
                    asDecimal = new BigInteger(label, 10);
                    strict = false;
                    leadingZeros = true;
                } else {
                    value = new BigInteger(label, 10);
                    asDecimal = value;
                }
            } catch (NumberFormatException e) {
                return new Problem(GuardReason.URL_HOST_INVALID, "a part of the numeric host is not a number");
            }
            whatwg.add(value);
            decimal.add(asDecimal);
        }
        byte[] address = combine(whatwg);
        if (address == null) {
            return new Problem(GuardReason.URL_HOST_INVALID, "numeric host out of the IPv4 range");
        }
        byte[] alternative = leadingZeros ? combine(decimal) : null;
        return new Host(Kind.IPV4, IpAddresses.format(address), address, strict, alternative);
    }

    private static byte[] combine(List<BigInteger> parts) {
        int n = parts.size();
        BigInteger value = BigInteger.ZERO;
        for (int i = 0; i < n - 1; i++) {
            if (parts.get(i).compareTo(BigInteger.valueOf(255)) > 0) {
                return null;
            }
            value = value.add(parts.get(i).shiftLeft(8 * (3 - i)));
        }
        BigInteger last = parts.get(n - 1);
        if (last.compareTo(BigInteger.ONE.shiftLeft(8 * (5 - n)).subtract(BigInteger.ONE)) > 0) {
            return null;
        }
        value = value.add(last);
        if (value.compareTo(MAX_IPV4) > 0) {
            return null;
        }
        long v = value.longValue();
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static String printable(char c) {
        return c < 0x20 || c > 0x7e ? String.format("U+%04X", (int) c) : String.valueOf(c);
    }
}
