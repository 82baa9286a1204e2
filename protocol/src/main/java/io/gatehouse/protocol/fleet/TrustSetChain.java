package io.gatehouse.protocol.fleet;

import java.util.List;
import java.util.Objects;

/**
 * Value of a trust-set message: the signed trust sets (compact JWS, {@code TrustSetUpdate.sign}) of one tenant
 * in ascending version order, starting at version 1.
 */
public record TrustSetChain(List<String> chain) {

    public TrustSetChain {
        Objects.requireNonNull(chain, "chain");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("chain: must hold at least one signed trust set");
        }
        chain = List.copyOf(chain);
    }
}
