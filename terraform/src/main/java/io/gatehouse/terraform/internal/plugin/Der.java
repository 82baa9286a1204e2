package io.gatehouse.terraform.internal.plugin;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/** The few DER encodings a self-signed X.509 certificate needs. */
final class Der {
    static final int SEQUENCE = 0x30;
    static final int SET = 0x31;

    private Der() {}

    static byte[] tlv(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            content.writeBytes(part);
        }
        byte[] body = content.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = body.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            byte[] len = BigInteger.valueOf(length).toByteArray();
            int start = len[0] == 0 ? 1 : 0;
            out.write(0x80 | (len.length - start));
            out.write(len, start, len.length - start);
        }
        out.writeBytes(body);
        return out.toByteArray();
    }

    static byte[] sequence(byte[]... parts) {
        return tlv(SEQUENCE, parts);
    }

    static byte[] integer(BigInteger value) {
        return tlv(0x02, value.toByteArray());
    }

    static byte[] bool(boolean value) {
        return tlv(0x01, new byte[] {(byte) (value ? 0xff : 0x00)});
    }

    static byte[] octetString(byte[] value) {
        return tlv(0x04, value);
    }

    static byte[] bitString(int unusedBits, byte[] value) {
        byte[] body = new byte[value.length + 1];
        body[0] = (byte) unusedBits;
        System.arraycopy(value, 0, body, 1, value.length);
        return tlv(0x03, body);
    }

    static byte[] utf8(String value) {
        return tlv(0x0c, value.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] utcTime(String yyMMddHHmmssZ) {
        return tlv(0x17, yyMMddHHmmssZ.getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            long arc = Long.parseLong(arcs[i]);
            byte[] groups = new byte[10];
            int n = 0;
            do {
                groups[n++] = (byte) (arc & 0x7f);
                arc >>>= 7;
            } while (arc != 0);
            for (int j = n - 1; j >= 0; j--) {
                out.write(groups[j] | (j == 0 ? 0 : 0x80));
            }
        }
        return tlv(0x06, out.toByteArray());
    }

    /** A context-specific tag: constructed (explicit) or primitive (implicit). */
    static byte[] context(int number, boolean constructed, byte[] content) {
        return tlv((constructed ? 0xa0 : 0x80) | number, content);
    }
}
