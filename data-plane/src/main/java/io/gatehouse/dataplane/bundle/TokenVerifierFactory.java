package io.gatehouse.dataplane.bundle;

import io.gatehouse.dataplane.auth.IssuerSettings;
import io.gatehouse.dataplane.auth.TokenVerifier;
import java.util.List;

/** Builds the token verifier for the identity providers of a bundle (one per applied bundle). */
@FunctionalInterface
public interface TokenVerifierFactory {
    TokenVerifier create(List<IssuerSettings> issuers);
}
