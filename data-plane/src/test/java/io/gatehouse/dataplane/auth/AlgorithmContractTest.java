package io.gatehouse.dataplane.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import io.gatehouse.protocol.bundle.IdentityProvider;
import org.junit.jupiter.api.Test;

/**
 * The bundle format accepts exactly the token algorithms the agent verifies: an algorithm the control plane may
 * put in a bundle but the agent cannot verify makes every bundle of that tenant fail to compile on the agent.
 */
class AlgorithmContractTest {

    @Test
    void bundleAlgorithmsAreTheAgentsAlgorithms() {
        assertThat(JwtIssuerVerifier.SUPPORTED_ALGORITHMS)
                .extracting(JWSAlgorithm::getName)
                .containsExactlyInAnyOrderElementsOf(IdentityProvider.ALLOWED_ALGORITHMS);
    }
}
