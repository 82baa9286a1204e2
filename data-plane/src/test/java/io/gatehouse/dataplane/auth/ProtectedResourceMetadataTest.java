package io.gatehouse.dataplane.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProtectedResourceMetadataTest {

    @Test
    void jsonDocument() {
        ProtectedResourceMetadata prm = new ProtectedResourceMetadata(
                URI.create("https://gw.example.com/mcp/files"),
                List.of("https://idp.example.com/realms/acme"),
                List.of("files:read", "files:write"),
                "Files",
                URI.create("https://docs.example.com/files"));
        assertThat(prm.toJsonString())
                .isEqualTo("{\"resource\":\"https://gw.example.com/mcp/files\","
                        + "\"authorization_servers\":[\"https://idp.example.com/realms/acme\"],"
                        + "\"scopes_supported\":[\"files:read\",\"files:write\"],"
                        + "\"bearer_methods_supported\":[\"header\"],"
                        + "\"resource_name\":\"Files\","
                        + "\"resource_documentation\":\"https://docs.example.com/files\"}");
    }

    @Test
    void minimalDocumentFromIssuerSettings() {
        IssuerSettings issuer = new IssuerSettings(
                "https://idp.example.com",
                URI.create("https://idp.example.com/jwks"),
                null,
                java.util.Set.of("RS256"),
                null,
                null,
                null,
                null,
                null);
        ProtectedResourceMetadata prm = ProtectedResourceMetadata.of(
                URI.create("HTTPS://GW.example.com:443/mcp/demo/"), List.of(issuer), List.of());
        assertThat(prm.toJsonString())
                .isEqualTo("{\"resource\":\"https://gw.example.com/mcp/demo\","
                        + "\"authorization_servers\":[\"https://idp.example.com\"],"
                        + "\"bearer_methods_supported\":[\"header\"]}");
    }

    @Test
    void wellKnownForms() {
        URI resource = URI.create("https://gw.example.com:8443/mcp/files");
        assertThat(ProtectedResourceMetadata.wellKnownUri(resource))
                .hasToString("https://gw.example.com:8443/.well-known/oauth-protected-resource/mcp/files");
        assertThat(ProtectedResourceMetadata.rootWellKnownUri(resource))
                .hasToString("https://gw.example.com:8443/.well-known/oauth-protected-resource");
        assertThat(ProtectedResourceMetadata.wellKnownUri(URI.create("https://gw.example.com/")))
                .hasToString("https://gw.example.com/.well-known/oauth-protected-resource");
        assertThat(ProtectedResourceMetadata.wellKnownPath("/mcp/files"))
                .isEqualTo("/.well-known/oauth-protected-resource/mcp/files");
        assertThat(ProtectedResourceMetadata.wellKnownPath("/")).isEqualTo("/.well-known/oauth-protected-resource");
    }

    @Test
    void canonicalResource() {
        assertThat(ProtectedResourceMetadata.canonicalResource(URI.create("HTTP://Localhost:80/mcp/x//")))
                .hasToString("http://localhost/mcp/x");
        assertThat(ProtectedResourceMetadata.canonicalResource(URI.create("http://localhost:9090/mcp/demo")))
                .hasToString("http://localhost:9090/mcp/demo");
        assertThatThrownBy(() -> ProtectedResourceMetadata.canonicalResource(URI.create("https://gw/mcp#frag")))
                .hasMessageContaining("no fragment");
        assertThatThrownBy(() -> ProtectedResourceMetadata.canonicalResource(URI.create("/mcp/x")))
                .hasMessageContaining("absolute http(s)");
    }

    @Test
    void validation() {
        assertThatThrownBy(() -> new ProtectedResourceMetadata(
                        URI.create("https://gw.example.com/mcp/files"), List.of(), List.of(), null, null))
                .hasMessageContaining("authorizationServers is empty");
        assertThatThrownBy(() -> new ProtectedResourceMetadata(
                        URI.create("https://GW.example.com/mcp/files/"), List.of("https://idp"), List.of(), null, null))
                .hasMessageContaining("expected: canonical form https://gw.example.com/mcp/files");
    }
}
