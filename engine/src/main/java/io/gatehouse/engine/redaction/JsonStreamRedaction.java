package io.gatehouse.engine.redaction;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.gatehouse.engine.redaction.Redactor.CompiledRule;
import java.io.IOException;
import java.util.List;

/**
 * Bytes in, redacted bytes out, without building a tree: one pass over the parser's tokens, strings (and integral
 * numbers, as their decimal text) rewritten exactly as {@link Redactor#redact} rewrites them, everything else copied
 * as it came (numbers keep their exact text). Member names are scanned like the tree walk does (so a pointer never
 * shows a value) but written unchanged; with {@code redactKeys} the caller uses the tree walk instead (masked names
 * must stay distinct members). When nothing was found the input array itself is returned.
 */
final class JsonStreamRedaction {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(StreamReadConstraints.DEFAULT_MAX_DEPTH)
                    .build())
            .build();

    /** One open container: the pointer of the container, its member name (objects) and next index (arrays). */
    private static final class Frame {
        final Frame parent;
        final Pointer pointer;
        final boolean array;
        final String field; // nearest member name above (for arrays: the array's own member name)
        int index;
        String member;
        Pointer memberPointer;

        Frame(Frame parent, Pointer pointer, boolean array, String field) {
            this.parent = parent;
            this.pointer = pointer;
            this.array = array;
            this.field = field;
        }
    }

    private JsonStreamRedaction() {}

    static byte[] redact(byte[] json, SpanRewriter rewriter, List<CompiledRule> rules, List<Finding> out)
            throws IOException {
        int before = out.size();
        ByteArrayBuilder buffer = new ByteArrayBuilder(json.length + 64);
        try (JsonParser parser = FACTORY.createParser(json);
                JsonGenerator generator = FACTORY.createGenerator(buffer)) {
            Frame frame = null;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                switch (token) {
                    case START_OBJECT, START_ARRAY -> {
                        Pointer pointer = valuePointer(frame);
                        String field = frame == null ? null : frame.array ? frame.field : frame.member;
                        if (frame != null && frame.array) {
                            frame.index++;
                        }
                        frame = new Frame(frame, pointer, token == JsonToken.START_ARRAY, field);
                        if (token == JsonToken.START_ARRAY) {
                            generator.writeStartArray();
                        } else {
                            generator.writeStartObject();
                        }
                    }
                    case END_OBJECT, END_ARRAY -> {
                        if (token == JsonToken.END_ARRAY) {
                            generator.writeEndArray();
                        } else {
                            generator.writeEndObject();
                        }
                        frame = frame.parent;
                    }
                    case FIELD_NAME -> {
                        String key = parser.currentName();
                        // scanned (not recorded) so the pointer of a finding below never reveals a value
                        String safeKey = rewriter.rewrite(key, null, frame.pointer, true, rules, null);
                        frame.member = key;
                        frame.memberPointer = frame.pointer.member(safeKey);
                        generator.writeFieldName(key);
                    }
                    case VALUE_STRING -> {
                        String s = parser.getText();
                        String r = rewriter.rewrite(s, field(frame), valuePointer(frame), false, rules, out);
                        advance(frame);
                        generator.writeString(r);
                    }
                    case VALUE_NUMBER_INT -> {
                        String s = parser.getNumberValue().toString();
                        String r = rewriter.rewrite(s, field(frame), valuePointer(frame), false, rules, out);
                        advance(frame);
                        if (r == s) {
                            generator.writeNumber(parser.getText());
                        } else {
                            generator.writeString(r);
                        }
                    }
                    case VALUE_NUMBER_FLOAT -> {
                        advance(frame);
                        generator.writeNumber(parser.getText());
                    }
                    default -> { // true, false, null
                        advance(frame);
                        generator.copyCurrentEvent(parser);
                    }
                }
            }
        }
        return out.size() == before ? json : buffer.toByteArray();
    }

    private static Pointer valuePointer(Frame frame) {
        if (frame == null) {
            return Pointer.ROOT;
        }
        return frame.array ? frame.pointer.index(frame.index) : frame.memberPointer;
    }

    private static String field(Frame frame) {
        return frame == null ? null : frame.array ? frame.field : frame.member;
    }

    private static void advance(Frame frame) {
        if (frame != null && frame.array) {
            frame.index++;
        }
    }
}
