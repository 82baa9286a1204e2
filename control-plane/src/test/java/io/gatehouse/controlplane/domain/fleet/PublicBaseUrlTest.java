package io.gatehouse.controlplane.domain.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A group's public base URL must prefix canonical RFC 8707 resource URIs, or the bundle would not compile. */
class PublicBaseUrlTest {

    @Test
    void acceptsHttpsAndLoopbackHttp() {
        assertThat(DataPlaneGroupService.publicBaseUrlProblem("https://mcp.example.com"))
                .isEmpty();
        assertThat(DataPlaneGroupService.publicBaseUrlProblem("https://mcp.example.com:8443/gw"))
                .isEmpty();
        assertThat(DataPlaneGroupService.publicBaseUrlProblem("http://localhost:9090"))
                .isEmpty();
        assertThat(DataPlaneGroupService.publicBaseUrlProblem("http://127.0.0.1:9090"))
                .isEmpty();
    }

    @Test
    void refusesWhatCannotPrefixAResourceUri() {
        assertThat(DataPlaneGroupService.publicBaseUrlProblem("http://mcp.example.com"))
                .hasValue("must use https unless the host is loopback");
        assertThat(DataPlaneGroupService.publicBaseUrlProblem("https://MCP.example.com"))
                .hasValue("the host must be lower case");
        assertThat(DataPlaneGroupService.publicBaseUrlProblem("https://mcp.example.com/?a=1"))
                .hasValue("must not have user info, a query or a fragment");
        assertThat(DataPlaneGroupService.publicBaseUrlProblem("https://u:p@mcp.example.com"))
                .hasValue("must not have user info, a query or a fragment");
        assertThat(DataPlaneGroupService.publicBaseUrlProblem("mcp.example.com"))
                .get()
                .asString()
                .contains("expected: an absolute https URL");
        assertThat(DataPlaneGroupService.publicBaseUrlProblem("ftp://mcp.example.com"))
                .isPresent();
        assertThat(DataPlaneGroupService.publicBaseUrlProblem("https://exa mple.com"))
                .get()
                .asString()
                .contains("is not a URL");
    }
}
