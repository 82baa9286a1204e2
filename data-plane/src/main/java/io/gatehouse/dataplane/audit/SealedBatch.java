package io.gatehouse.dataplane.audit;

import java.nio.charset.StandardCharsets;

/**
 * A batch as the WAL stores and the shipper sends it.
 *
 * @param epoch the WAL's epoch
 * @param seq the batch number within the epoch
 * @param compact the signed batch (compact JWS)
 */
public record SealedBatch(long epoch, long seq, String compact) {

    /** The Pulsar message payload: the JWS as UTF-8. */
    public byte[] payload() {
        return compact.getBytes(StandardCharsets.US_ASCII);
    }
}
