package io.gatehouse.terraform.internal.cty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.msgpack.core.ExtensionTypeHeader;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * Terraform values on the wire (cty's msgpack and JSON forms), typed by a {@link CtyType}. In Java a
 * value is {@code null}, {@link Unknown#VALUE}, a {@link String}, a {@link BigDecimal}, a
 * {@link Boolean}, a {@link List} (list) or a {@link Map} (map and object). Objects always carry
 * every attribute of their type; unknowns are msgpack extension values.
 */
public final class CtyCodec {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private CtyCodec() {}

    public static Object decodeMsgpack(byte[] bytes, CtyType type) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(bytes)) {
            return read(unpacker, type);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed msgpack value: " + e.getMessage(), e);
        }
    }

    public static byte[] encodeMsgpack(Object value, CtyType type) {
        try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
            write(packer, value, type);
            packer.flush();
            return packer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes the JSON form (stored state); absent object attributes become null. */
    public static Object decodeJson(byte[] bytes, CtyType type) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        try {
            return fromJson(JSON.readTree(bytes), type);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed JSON value: " + e.getMessage(), e);
        }
    }

    private static Object read(MessageUnpacker in, CtyType type) throws IOException {
        MessageFormat format = in.getNextFormat();
        if (format == MessageFormat.NIL) {
            in.unpackNil();
            return null;
        }
        if (format.getValueType() == ValueType.EXTENSION) {
            // type 0 is a plain unknown, type 12 an unknown with refinements: both are "unknown" here
            ExtensionTypeHeader header = in.unpackExtensionTypeHeader();
            in.readPayload(header.getLength());
            return Unknown.VALUE;
        }
        return switch (type) {
            case CtyType.Primitive p when p.equals(CtyType.STRING) -> in.unpackString();
            case CtyType.Primitive p when p.equals(CtyType.BOOL) -> in.unpackBoolean();
            case CtyType.Primitive p -> readNumber(in, format);
            case CtyType.ListType list -> {
                int n = in.unpackArrayHeader();
                List<Object> items = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    items.add(read(in, list.element()));
                }
                yield items;
            }
            case CtyType.MapType map -> {
                int n = in.unpackMapHeader();
                Map<String, Object> entries = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    entries.put(in.unpackString(), read(in, map.element()));
                }
                yield entries;
            }
            case CtyType.ObjectType object -> {
                int n = in.unpackMapHeader();
                Map<String, Object> attributes = new LinkedHashMap<>();
                for (String name : object.attributes().keySet()) {
                    attributes.put(name, null);
                }
                for (int i = 0; i < n; i++) {
                    String name = in.unpackString();
                    CtyType attributeType = object.attributes().get(name);
                    if (attributeType == null) {
                        in.skipValue();
                    } else {
                        attributes.put(name, read(in, attributeType));
                    }
                }
                yield attributes;
            }
        };
    }

    private static BigDecimal readNumber(MessageUnpacker in, MessageFormat format) throws IOException {
        return switch (format.getValueType()) {
            case INTEGER -> new BigDecimal(in.unpackBigInteger());
            case FLOAT -> BigDecimal.valueOf(in.unpackDouble());
            case STRING -> new BigDecimal(in.unpackString());
            default -> throw new IOException("expected a number, got " + format);
        };
    }

    private static void write(MessageBufferPacker out, Object value, CtyType type) throws IOException {
        if (value == null) {
            out.packNil();
            return;
        }
        if (Unknown.is(value)) {
            out.packExtensionTypeHeader((byte) 0, 1);
            out.writePayload(new byte[] {0});
            return;
        }
        switch (type) {
            case CtyType.Primitive p when p.equals(CtyType.STRING) -> out.packString(value.toString());
            case CtyType.Primitive p when p.equals(CtyType.BOOL) -> out.packBoolean((Boolean) value);
            case CtyType.Primitive p -> writeNumber(out, toNumber(value));
            case CtyType.ListType list -> {
                List<?> items = (List<?>) value;
                out.packArrayHeader(items.size());
                for (Object item : items) {
                    write(out, item, list.element());
                }
            }
            case CtyType.MapType map -> {
                Map<?, ?> entries = (Map<?, ?>) value;
                out.packMapHeader(entries.size());
                for (Map.Entry<?, ?> e : entries.entrySet()) {
                    out.packString(e.getKey().toString());
                    write(out, e.getValue(), map.element());
                }
            }
            case CtyType.ObjectType object -> {
                Map<?, ?> attributes = (Map<?, ?>) value;
                out.packMapHeader(object.attributes().size());
                for (Map.Entry<String, CtyType> attribute : object.attributes().entrySet()) {
                    out.packString(attribute.getKey());
                    write(out, attributes.get(attribute.getKey()), attribute.getValue());
                }
            }
        }
    }

    private static void writeNumber(MessageBufferPacker out, BigDecimal number) throws IOException {
        BigDecimal n = number.stripTrailingZeros();
        if (n.scale() <= 0 && n.compareTo(LONG_MIN) >= 0 && n.compareTo(LONG_MAX) <= 0) {
            out.packLong(n.longValueExact());
        } else {
            // cty accepts a decimal string for any number it cannot hold as an integer
            out.packString(n.toPlainString());
        }
    }

    /** Any Java number (or numeric string) as a BigDecimal. */
    public static BigDecimal toNumber(Object value) {
        return switch (value) {
            case BigDecimal d -> d;
            case BigInteger i -> new BigDecimal(i);
            case Long l -> BigDecimal.valueOf(l);
            case Integer i -> BigDecimal.valueOf(i);
            case Double d -> BigDecimal.valueOf(d);
            default -> new BigDecimal(value.toString());
        };
    }

    private static Object fromJson(JsonNode node, CtyType type) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        return switch (type) {
            case CtyType.Primitive p when p.equals(CtyType.STRING) -> node.asText();
            case CtyType.Primitive p when p.equals(CtyType.BOOL) -> node.asBoolean();
            case CtyType.Primitive p -> node.isNumber() ? node.decimalValue() : new BigDecimal(node.asText());
            case CtyType.ListType list -> {
                List<Object> items = new ArrayList<>();
                node.forEach(item -> items.add(fromJson(item, list.element())));
                yield items;
            }
            case CtyType.MapType map -> {
                Map<String, Object> entries = new LinkedHashMap<>();
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> e = fields.next();
                    entries.put(e.getKey(), fromJson(e.getValue(), map.element()));
                }
                yield entries;
            }
            case CtyType.ObjectType object -> {
                Map<String, Object> attributes = new LinkedHashMap<>();
                object.attributes().forEach((name, t) -> attributes.put(name, fromJson(node.get(name), t)));
                yield attributes;
            }
        };
    }
}
