package io.gatehouse.engine.redaction;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.gatehouse.engine.redaction.Redactor.CompiledRule;
import java.io.IOException;
import java.util.List;

/**
 * Bytes in, redacted bytes out, without building a tree or re-serializing: one pass over the parser's tokens,
 * strings (and integral numbers, as their decimal text) rewritten exactly as {@link Redactor#redact} rewrites them,
 * and only the rewritten tokens replaced in a copy of the input; every other byte (formatting, numbers, escapes)
 * stays as it came. Member names are scanned like the tree walk does (so a pointer never
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

    private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();

    private JsonStreamRedaction() {}

    static byte[] redact(byte[] json, SpanRewriter rewriter, List<CompiledRule> rules, List<Finding> out)
            throws IOException {
        Splicer splicer = new Splicer(json);
        try (JsonParser parser = FACTORY.createParser(json)) {
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
                    }
                    case END_OBJECT, END_ARRAY -> frame = frame.parent;
                    case FIELD_NAME -> {
                        String key = parser.currentName();
                        // scanned (not recorded) so the pointer of a finding below never reveals a value
                        String safeKey = rewriter.rewrite(key, null, frame.pointer, true, rules, null);
                        frame.member = key;
                        frame.memberPointer = frame.pointer.member(safeKey);
                    }
                    case VALUE_STRING -> {
                        long from = parser.currentTokenLocation().getByteOffset();
                        String s = parser.getText();
                        String r = rewriter.rewrite(s, field(frame), valuePointer(frame), false, rules, out);
                        advance(frame);
                        if (r != s) {
                            splicer.replace(from, parser.currentLocation().getByteOffset(), r);
                        }
                    }
                    case VALUE_NUMBER_INT -> {
                        long from = parser.currentTokenLocation().getByteOffset();
                        String s = parser.getNumberValue().toString();
                        String r = rewriter.rewrite(s, field(frame), valuePointer(frame), false, rules, out);
                        advance(frame);
                        if (r != s) {
                            splicer.replace(from, from + parser.getTextLength(), r);
                        }
                    }
                    default -> advance(frame); // other numbers, true, false, null: kept as they are
                }
            }
        }
        return splicer.result();
    }

    /**
     * The input with some string or number tokens replaced by JSON strings: unchanged bytes are copied as they are
     * (no re-serialization), so the cost of an output is one array copy plus the replaced tokens.
     */
    private static final class Splicer {
        private final byte[] input;
        private ByteArrayBuilder out; // created on the first replacement
        private int copied;

        Splicer(byte[] input) {
            this.input = input;
        }

        void replace(long from, long to, String value) {
            if (out == null) {
                out = new ByteArrayBuilder(input.length + 64);
            }
            out.write(input, copied, (int) from - copied);
            out.append('"');
            out.write(ENCODER.quoteAsUTF8(value));
            out.append('"');
            copied = (int) to;
        }

        byte[] result() {
            if (out == null) {
                return input;
            }
            out.write(input, copied, input.length - copied);
            return out.toByteArray();
        }
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
