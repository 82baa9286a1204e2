package io.gatehouse.dataplane.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * The frame format of WAL segment files: {@code type (1 byte) | length (4 bytes, big-endian) | CRC-32C of the
 * payload (4 bytes) | payload}. Type {@code R} is one record (its canonical JSON), type {@code B} a sealed
 * batch ({@code seq} as 8 bytes, then the compact JWS). A frame that is cut short or whose CRC does not match
 * ends the readable part of a segment (a torn write).
 */
final class Frames {

    static final byte RECORD = 'R';
    static final byte BATCH = 'B';
    static final int HEADER = 9;
    static final int MAX_PAYLOAD = 16 * 1024 * 1024;

    private Frames() {}

    /** One frame read from a segment; {@code payload} is null when only the header was read. */
    record Frame(byte type, long offset, int length, byte[] payload) {
        long end() {
            return offset + HEADER + length;
        }
    }

    static void put(ByteBuffer buffer, byte type, byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload);
        buffer.put(type).putInt(payload.length).putInt((int) crc.getValue()).put(payload);
    }

    static byte[] batchPayload(long seq, byte[] compact) {
        return ByteBuffer.allocate(8 + compact.length).putLong(seq).put(compact).array();
    }

    static long batchSeq(byte[] payload) {
        return ByteBuffer.wrap(payload).getLong();
    }

    static String batchCompact(byte[] payload) {
        return new String(payload, 8, payload.length - 8, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /**
     * Reads the frame at {@code offset}, below {@code limit}; {@code withPayload=false} skips record payloads
     * (their CRC is not checked then). Returns null when no complete, intact frame starts there.
     */
    static Frame read(FileChannel channel, long offset, long limit, boolean recordPayloads) throws IOException {
        if (offset + HEADER > limit) {
            return null;
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        readFully(channel, header, offset);
        header.flip();
        byte type = header.get();
        int length = header.getInt();
        int crc = header.getInt();
        if ((type != RECORD && type != BATCH)
                || length < 0
                || length > MAX_PAYLOAD
                || offset + HEADER + length > limit) {
            return null;
        }
        if (type == RECORD && !recordPayloads) {
            return new Frame(type, offset, length, null);
        }
        ByteBuffer payload = ByteBuffer.allocate(length);
        readFully(channel, payload, offset + HEADER);
        CRC32C check = new CRC32C();
        check.update(payload.array());
        if ((int) check.getValue() != crc) {
            return null;
        }
        return new Frame(type, offset, length, payload.array());
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new IOException("unexpected end of segment at " + at);
            }
            at += n;
        }
    }
}
