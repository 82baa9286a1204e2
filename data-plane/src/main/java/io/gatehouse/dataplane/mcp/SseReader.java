package io.gatehouse.dataplane.mcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits an SSE byte stream into events as they complete (never waits for the stream to end).
 * Handles LF, CR and CRLF line ends; an event larger than the limit is an error.
 */
public final class SseReader {

    /** An upstream event exceeded the inspection limit. */
    public static final class EventTooLargeException extends IOException {
        EventTooLargeException(int limit) {
            super("an upstream SSE event exceeded " + limit + " bytes");
        }
    }

    private final InputStream in;
    private final int maxEventBytes;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;
    private boolean pendingLf;

    public SseReader(InputStream in, int maxEventBytes) {
        this.in = in;
        this.maxEventBytes = maxEventBytes;
    }

    /** The next complete event, or null at the end of the stream. */
    public SseEvent next() throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        String id = null;
        String event = null;
        String retry = null;
        StringBuilder data = null;
        boolean sawField = false;
        while (true) {
            int b = read();
            if (b < 0) {
                return null; // an incomplete trailing event is not dispatched (SSE rules)
            }
            if (pendingLf) {
                pendingLf = false;
                if (b == '\n') {
                    // second half of a CRLF; when the CR ended the previous event, that event was
                    // already dispatched (without waiting for this byte) and ends in a bare CR
                    if (raw.size() > 0) {
                        raw.write(b);
                    }
                    continue;
                }
            }
            raw.write(b);
            if (raw.size() > maxEventBytes) {
                throw new EventTooLargeException(maxEventBytes);
            }
            if (b != '\n' && b != '\r') {
                line.write(b);
                continue;
            }
            pendingLf = b == '\r';
            if (line.size() == 0) {
                if (sawField) {
                    return new SseEvent(raw.toByteArray(), id, event, retry, data == null ? null : data.toString());
                }
                continue;
            }
            sawField = true;
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (text.startsWith(":")) {
                continue;
            }
            int colon = text.indexOf(':');
            String name = colon < 0 ? text : text.substring(0, colon);
            String value = colon < 0 ? "" : text.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (name) {
                case "data" ->
                    data = data == null
                            ? new StringBuilder(value)
                            : data.append('\n').append(value);
                case "id" -> id = value;
                case "event" -> event = value;
                case "retry" -> retry = value;
                default -> {}
            }
        }
    }

    private int read() throws IOException {
        if (position == limit) {
            limit = in.read(buffer);
            position = 0;
            if (limit <= 0) {
                limit = 0;
                return -1;
            }
        }
        return buffer[position++] & 0xff;
    }
}
