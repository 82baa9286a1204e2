package io.gatehouse.protocol.signing;

import com.nimbusds.jose.util.Base64URL;

/** Byte-level tampering of compact JWS strings. */
final class Tamper {

    private Tamper() {}

    /** Flips one bit in the middle of the decoded payload and re-encodes it, keeping the signature. */
    static String payloadByte(String compact) {
        String[] parts = compact.split("\\.", -1);
        byte[] payload = new Base64URL(parts[1]).decode();
        payload[payload.length / 2] ^= 0x01;
        return parts[0] + "." + Base64URL.encode(payload) + "." + parts[2];
    }
}
