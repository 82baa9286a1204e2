package io.gatehouse.protocol.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 8785 (JSON Canonicalization Scheme) text of a Jackson tree: members sorted by UTF-16 code units, no
 * whitespace, minimal string escapes, ECMAScript number form; non-finite numbers, unsafe integers that are not
 * exactly a double, and lone surrogates are rejected. Byte-for-byte the same rules as the signing package's
 * {@code CanonicalJson}, kept here so this package builds on its own; the golden fingerprint test pins the bytes.
 */
final class ToolCanonicalJson {

    private static final BigInteger MAX_SAFE_INTEGER = BigInteger.valueOf(9_007_199_254_740_991L);

    private ToolCanonicalJson() {}

    static String string(JsonNode node) {
        StringBuilder out = new StringBuilder(512);
        write(node, out, "");
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out, String pointer) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                List<String> names = new ArrayList<>(node.size());
                node.fieldNames().forEachRemaining(names::add);
                names.sort(null);
                out.append('{');
                for (int i = 0; i < names.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    String name = names.get(i);
                    writeString(name, out, pointer);
                    out.append(':');
                    write(node.get(name), out, pointer + "/" + JsonPointers.escape(name));
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(node.get(i), out, pointer + "/" + i);
                }
                out.append(']');
            }
            case STRING -> writeString(node.textValue(), out, pointer);
            case NUMBER -> writeNumber(node, out, pointer);
            case BOOLEAN -> out.append(node.booleanValue() ? "true" : "false");
            case NULL -> out.append("null");
            default ->
                throw new IllegalArgumentException(
                        where(pointer) + ": unsupported JSON node type " + node.getNodeType());
        }
    }

    private static void writeString(String value, StringBuilder out, String pointer) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isHighSurrogate(c)
                            && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1))) {
                        out.append(c).append(value.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        throw new IllegalArgumentException(where(pointer) + ": string contains a lone surrogate");
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void writeNumber(JsonNode node, StringBuilder out, String pointer) {
        if (node.isIntegralNumber()) {
            BigInteger value = node.bigIntegerValue();
            if (value.abs().compareTo(MAX_SAFE_INTEGER) <= 0) {
                out.append(value);
                return;
            }
            String asDouble = formatDouble(value.doubleValue());
            if (!asDouble.equals(value.toString())) {
                throw new IllegalArgumentException(where(pointer) + ": integer " + value
                        + " is outside the safe range and not exactly an IEEE-754 double");
            }
            out.append(asDouble);
            return;
        }
        double d = node.doubleValue();
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException(where(pointer) + ": number is not finite");
        }
        out.append(formatDouble(d));
    }

    /** ECMAScript Number::toString for a finite double (RFC 8785 §3.2.2.3). */
    static String formatDouble(double d) {
        if (d == 0) {
            return "0";
        }
        StringBuilder out = new StringBuilder();
        if (d < 0) {
            out.append('-');
            d = -d;
        }
        BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        if (exact.precision() == 2) {
            BigDecimal one = new BigDecimal(d).round(new MathContext(1, RoundingMode.HALF_EVEN));
            if (one.doubleValue() == d) {
                exact = one.stripTrailingZeros();
            }
        }
        String digits = exact.unscaledValue().toString();
        int k = digits.length();
        int n = k - exact.scale();
        if (k <= n && n <= 21) {
            out.append(digits).append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            out.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            int e = n - 1;
            out.append(digits.charAt(0));
            if (k > 1) {
                out.append('.').append(digits, 1, k);
            }
            out.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
        }
        return out.toString();
    }

    private static String where(String pointer) {
        return pointer.isEmpty() ? "/" : pointer;
    }
}
