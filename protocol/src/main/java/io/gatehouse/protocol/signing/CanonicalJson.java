package io.gatehouse.protocol.signing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Canonical JSON after RFC 8785 (JSON Canonicalization Scheme): object members sorted by the UTF-16 code
 * units of their names, no insignificant whitespace, strings escaped minimally (only {@code "}, {@code \},
 * and control characters below U+0020; {@code \b \t \n \f \r} as short escapes, the rest as lowercase
 * <code>&#92;u00XX</code>), everything else written literally as UTF-8, and numbers in the ECMAScript
 * {@code Number.prototype.toString} form. Integers must lie within ±(2^53−1) so that every reader agrees
 * on them; larger integers are accepted only when they are exactly the ECMAScript form of a double (so no value
 * changes silently); NaN, infinities and lone surrogates are rejected. {@link #parse} is strict: duplicate member
 * names and trailing content are errors.
 */
public final class CanonicalJson {

    /** The largest integer every IEEE-754 double reader represents exactly (2^53 − 1). */
    public static final long MAX_SAFE_INTEGER = 9_007_199_254_740_991L;

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private CanonicalJson() {}

    /** A fresh, mutable object node for building documents to canonicalize. */
    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** Canonical UTF-8 bytes of {@code node}. */
    public static byte[] bytes(JsonNode node) {
        return string(node).getBytes(StandardCharsets.UTF_8);
    }

    /** Canonical text of {@code node}. */
    public static String string(JsonNode node) {
        Objects.requireNonNull(node, "node");
        StringBuilder out = new StringBuilder(256);
        write(node, out, "$");
        return out.toString();
    }

    /**
     * Parses JSON strictly (duplicate names and trailing tokens rejected).
     *
     * @throws IllegalArgumentException with a message that names the problem
     */
    public static JsonNode parse(byte[] json) {
        Objects.requireNonNull(json, "json");
        String text;
        try {
            // Decode strictly ourselves: malformed UTF-8 is an error, and Jackson's byte parser mishandles
            // escaped surrogate pairs in member names (2.21), its String parser does not.
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(json))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("invalid JSON: not valid UTF-8", e);
        }
        try {
            JsonNode node = STRICT.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("invalid JSON: empty document");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getMessage(), e);
        }
    }

    /** Re-encodes arbitrary JSON bytes canonically (parse strictly, then {@link #bytes}). */
    public static byte[] canonicalize(byte[] json) {
        return bytes(parse(json));
    }

    private static void write(JsonNode node, StringBuilder out, String path) {
        switch (node.getNodeType()) {
            case OBJECT -> writeObject(node, out, path);
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(node.get(i), out, path + "[" + i + "]");
                }
                out.append(']');
            }
            case STRING -> writeString(node.textValue(), out, path);
            case NUMBER -> writeNumber(node, out, path);
            case BOOLEAN -> out.append(node.booleanValue() ? "true" : "false");
            case NULL -> out.append("null");
            default -> throw new IllegalArgumentException(path + ": unsupported JSON node type " + node.getNodeType());
        }
    }

    private static void writeObject(JsonNode node, StringBuilder out, String path) {
        List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.size());
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            members.add(it.next());
        }
        // String.compareTo orders by UTF-16 code units, exactly what RFC 8785 §3.2.3 prescribes.
        members.sort(Map.Entry.comparingByKey());
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, JsonNode> member : members) {
            if (!first) {
                out.append(',');
            }
            first = false;
            writeString(member.getKey(), out, path);
            out.append(':');
            write(member.getValue(), out, path + "." + member.getKey());
        }
        out.append('}');
    }

    /**
     * Appends {@code value} as a canonical JSON string (for writers that emit known members in canonical order
     * themselves, such as the audit batch encoder).
     *
     * @throws IllegalArgumentException naming {@code path} when the string holds a lone surrogate
     */
    public static void appendString(StringBuilder out, String value, String path) {
        writeString(value, out, path);
    }

    private static void writeString(String value, StringBuilder out, String path) {
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
                    } else if (Character.isHighSurrogate(c)) {
                        if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                            throw new IllegalArgumentException(path + ": string contains a lone surrogate");
                        }
                        out.append(c).append(value.charAt(++i));
                    } else if (Character.isLowSurrogate(c)) {
                        throw new IllegalArgumentException(path + ": string contains a lone surrogate");
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void writeNumber(JsonNode node, StringBuilder out, String path) {
        if (node.isIntegralNumber()) {
            BigInteger value = node.bigIntegerValue();
            if (value.abs().compareTo(BigInteger.valueOf(MAX_SAFE_INTEGER)) <= 0) {
                out.append(value);
                return;
            }
            // Beyond ±(2^53-1) a number is a double to every JCS reader: accept it only if the double's
            // ECMAScript form is exactly this integer, so no value ever changes silently.
            String asDouble = formatDouble(value.doubleValue());
            if (!asDouble.equals(value.toString())) {
                throw new IllegalArgumentException(path + ": integer " + value + " is outside the safe range ±"
                        + MAX_SAFE_INTEGER + " and not exactly an IEEE-754 double");
            }
            out.append(asDouble);
            return;
        }
        double d = node.doubleValue();
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException(path + ": number " + node.asText() + " is not finite");
        }
        out.append(formatDouble(d));
    }

    /** ECMAScript Number::toString for a finite double (RFC 8785 §3.2.2.3). */
    static String formatDouble(double d) {
        if (d == 0) {
            return "0"; // covers -0 as well
        }
        StringBuilder out = new StringBuilder();
        if (d < 0) {
            out.append('-');
            d = -d;
        }
        // Double.toString yields the shortest round-tripping digits (JDK 19+).
        BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        if (exact.precision() == 2) {
            // Double.toString never emits one significant digit; ECMAScript wants the shortest form.
            BigDecimal one = new BigDecimal(d).round(new MathContext(1, RoundingMode.HALF_EVEN));
            if (one.doubleValue() == d) {
                exact = one.stripTrailingZeros();
            }
        }
        String digits = exact.unscaledValue().toString();
        int k = digits.length();
        int n = k - exact.scale(); // value = 0.digits × 10^n
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
}
