package io.gatehouse.controlplane.persistence;

import java.security.SecureRandom;
import java.util.UUID;

/** RFC 9562 version-7 UUIDs: time-ordered, so new rows land at the end of the primary-key index. */
public final class Uuids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Uuids() {}

    public static UUID v7() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        long millis = System.currentTimeMillis();
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) (millis >>> (40 - 8 * i));
        }
        b[6] = (byte) ((b[6] & 0x0f) | 0x70);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (b[i] & 0xff);
            lsb = (lsb << 8) | (b[i + 8] & 0xff);
        }
        return new UUID(msb, lsb);
    }
}
