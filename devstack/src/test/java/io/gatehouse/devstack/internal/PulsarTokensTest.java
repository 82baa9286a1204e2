package io.gatehouse.devstack.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.apache.pulsar.broker.authentication.utils.AuthTokenUtils;
import org.junit.jupiter.api.Test;

class PulsarTokensTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @Test
    void jdkTokensAreByteForByteTheBrokersTokens() {
        for (String role : new String[] {"devstack-admin", "t-acme.dp.agent-1", "a", "user@example.com"}) {
            String expected = AuthTokenUtils.createToken(AuthTokenUtils.decodeSecretKey(KEY), role, Optional.empty());
            assertThat(PulsarTokens.jdkOnly(KEY).mint(role)).isEqualTo(expected);
            assertThat(new PulsarTokens(KEY).mint(role)).isEqualTo(expected);
        }
    }

    @Test
    void tokenCarriesTheRoleAsSubject() {
        String token = PulsarTokens.jdkOnly(KEY).mint("t-acme.dp");
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(payload).isEqualTo("{\"sub\":\"t-acme.dp\"}");
    }

    @Test
    void rolesOutsideTheSafeAlphabetAreRejected() {
        PulsarTokens tokens = PulsarTokens.jdkOnly(KEY);
        assertThatThrownBy(() -> tokens.mint("evil\",\"sub\":\"admin"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("role: ");
        assertThatThrownBy(() -> tokens.mint("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tokens.mint("x".repeat(129))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shortKeysAreRejected() {
        assertThatThrownBy(() -> PulsarTokens.jdkOnly(new byte[31]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("secretKey: 31 bytes (expected: >= 32 for HS256)");
    }
}
