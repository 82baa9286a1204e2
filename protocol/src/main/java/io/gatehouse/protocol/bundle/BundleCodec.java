package io.gatehouse.protocol.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * Reads and writes bundles. Decoding is strict: unknown fields, duplicate keys, trailing content,
 * missing or invalid values are rejected with a message that names the field path. Encoding is
 * canonical: object keys sorted at every level, no insignificant whitespace, absent optional values
 * omitted, lists always present; {@link #sha256Hex} is the digest of exactly those bytes.
 */
public final class BundleCodec {

    private static final int MAX_BUNDLE_BYTES = 16 * 1024 * 1024;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    static {
        MAPPER.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(64)
                        .maxDocumentLength(MAX_BUNDLE_BYTES)
                        .build());
    }

    private BundleCodec() {}

    /** Decodes and validates a bundle document. */
    public static Bundle decode(byte[] json) throws BundleFormatException {
        if (json.length > MAX_BUNDLE_BYTES) {
            throw new BundleFormatException(
                    "bundle: " + json.length + " bytes (expected: <= " + MAX_BUNDLE_BYTES + ")", null);
        }
        try {
            return MAPPER.readValue(json, Bundle.class);
        } catch (JacksonException e) {
            throw new BundleFormatException(describe(e), e);
        } catch (IOException e) {
            throw new BundleFormatException("bundle: unreadable (" + e.getMessage() + ")", e);
        }
    }

    /** The canonical JSON bytes (UTF-8) of a bundle. */
    public static byte[] canonicalJson(Bundle bundle) {
        JsonNode tree = MAPPER.valueToTree(bundle);
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (JsonGenerator generator = MAPPER.getFactory().createGenerator(out)) {
            writeSorted(tree, generator);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Lower-case hex SHA-256 of {@link #canonicalJson}. */
    public static String sha256Hex(Bundle bundle) {
        return sha256Hex(canonicalJson(bundle));
    }

    /** Lower-case hex SHA-256 of some bytes (e.g. canonical JSON received in an envelope). */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void writeSorted(JsonNode node, JsonGenerator generator) throws IOException {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            generator.writeStartObject();
            for (String name : names) {
                generator.writeFieldName(name);
                writeSorted(object.get(name), generator);
            }
            generator.writeEndObject();
        } else if (node.isArray()) {
            generator.writeStartArray();
            for (JsonNode element : node) {
                writeSorted(element, generator);
            }
            generator.writeEndArray();
        } else {
            generator.writeTree(node);
        }
    }

    private static String describe(JacksonException e) {
        String path = e instanceof JsonMappingException mapping ? path(mapping.getPath()) : "";
        String where = path.isEmpty() ? "bundle" : path;
        if (e instanceof UnrecognizedPropertyException unknown) {
            String parent = path(unknown.getPath().subList(0, unknown.getPath().size() - 1));
            return (parent.isEmpty() ? "bundle" : parent) + ": unknown field '" + unknown.getPropertyName() + "'";
        }
        String original = e.getOriginalMessage();
        if (e instanceof JsonMappingException mapping
                && original != null
                && original.startsWith("Missing required creator property")) {
            List<JsonMappingException.Reference> refs = mapping.getPath();
            String parent = path(refs.subList(0, Math.max(0, refs.size() - 1)));
            String field = refs.isEmpty() ? "?" : refs.get(refs.size() - 1).getFieldName();
            return (parent.isEmpty() ? "bundle" : parent) + ": missing field '" + field + "'";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof IllegalArgumentException || root instanceof NullPointerException) {
            return where + ": " + root.getMessage();
        }
        return where + ": " + e.getOriginalMessage();
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder out = new StringBuilder();
        for (Iterator<JsonMappingException.Reference> it = references.iterator(); it.hasNext(); ) {
            JsonMappingException.Reference ref = it.next();
            if (ref.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }
}
