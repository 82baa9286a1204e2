package io.gatehouse.dataplane.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.dataplane.auth.AuthenticationException.Reason;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class BearerChallengeTest {

    static final URI PRM = URI.create("https://gw.example.com/.well-known/oauth-protected-resource/mcp/files");

    @Test
    void unauthorizedWithoutToken() {
        assertThat(BearerChallenge.unauthorized(PRM, List.of("files:read", "files:list")))
                .isEqualTo(
                        "Bearer resource_metadata=\"https://gw.example.com/.well-known/oauth-protected-resource/mcp/files\","
                                + " scope=\"files:read files:list\"");
        assertThat(BearerChallenge.unauthorized(PRM, List.of()))
                .isEqualTo(
                        "Bearer resource_metadata=\"https://gw.example.com/.well-known/oauth-protected-resource/mcp/files\"");
    }

    @Test
    void invalidTokenCarriesTheErrorAndASafeDescription() {
        AuthenticationException expired = new AuthenticationException(Reason.EXPIRED, "token has expired");
        assertThat(BearerChallenge.invalidToken(PRM, List.of("files:read"), expired))
                .isEqualTo(
                        "Bearer resource_metadata=\"https://gw.example.com/.well-known/oauth-protected-resource/mcp/files\","
                                + " scope=\"files:read\", error=\"invalid_token\", error_description=\"token has expired\"");

        AuthenticationException odd = new AuthenticationException(Reason.BAD_SIGNATURE, "bad \"sig\" \\ é\n");
        assertThat(BearerChallenge.invalidToken(PRM, List.of(), odd))
                .endsWith("error=\"invalid_token\", error_description=\"bad ?sig? ? ??\"");

        AuthenticationException missing = new AuthenticationException(Reason.MISSING_TOKEN, "no bearer token");
        assertThat(BearerChallenge.invalidToken(PRM, List.of("a"), missing))
                .isEqualTo(BearerChallenge.unauthorized(PRM, List.of("a")));
    }

    @Test
    void insufficientScope() {
        assertThat(BearerChallenge.insufficientScope(PRM, List.of("files:write", "files:read", "files:write")))
                .isEqualTo(
                        "Bearer error=\"insufficient_scope\", scope=\"files:write files:read\","
                                + " resource_metadata=\"https://gw.example.com/.well-known/oauth-protected-resource/mcp/files\"");
        assertThatThrownBy(() -> BearerChallenge.insufficientScope(PRM, List.of()))
                .hasMessageContaining("scopes is empty");
    }

    @Test
    void quotesAndEscapesTheMetadataUrl() {
        URI odd = URI.create("https://gw.example.com/.well-known/oauth-protected-resource/mcp/a%22b");
        assertThat(BearerChallenge.unauthorized(odd, List.of()))
                .isEqualTo(
                        "Bearer resource_metadata=\"https://gw.example.com/.well-known/oauth-protected-resource/mcp/a%22b\"");
    }

    @Test
    void invalidScopeTokensAreConfigurationErrors() {
        assertThatThrownBy(() -> BearerChallenge.unauthorized(PRM, List.of("two words")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'two words'");
        assertThatThrownBy(() -> BearerChallenge.unauthorized(PRM, List.of("quo\"te")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
