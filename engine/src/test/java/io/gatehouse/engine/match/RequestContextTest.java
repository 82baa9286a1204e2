package io.gatehouse.engine.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestContextTest {

    private static final InetAddress SOURCE = IpAddresses.toInetAddress(new byte[] {10, 0, 0, 1});
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void builderDefaultsToAnAnonymousRequestWithEmptyParts() {
        RequestContext c =
                RequestContext.builder("files", "tools/list", SOURCE, NOW).build();
        assertThat(c.subject()).isEmpty();
        assertThat(c.clientId()).isEmpty();
        assertThat(c.groups()).isEmpty();
        assertThat(c.toolName()).isEmpty();
        assertThat(c.arguments().isObject()).isTrue();
        assertThat(c.arguments().isEmpty()).isTrue();
        assertThat(c.header("anything")).isEmpty();
    }

    @Test
    void isAnImmutableSnapshot() {
        ObjectNode arguments = Contexts.JSON.createObjectNode().put("path", "/srv/data/a");
        Map<String, List<String>> headers = new HashMap<>();
        List<String> values = new ArrayList<>(List.of("compliant"));
        headers.put("X-Device-Posture", values);
        Map<String, Object> claims = new HashMap<>();
        claims.put("dept", "R&D");
        claims.put("nullable", null);

        RequestContext c = RequestContext.builder("files", "tools/call", SOURCE, NOW)
                .principal("alice", "https://idp", "cli", Set.of("g"), Set.of("s"), claims)
                .toolName("fs_read")
                .arguments(arguments)
                .headers(headers)
                .build();
        arguments.put("path", "/etc/passwd");
        values.add("unmanaged");
        claims.put("dept", "Sales");

        assertThat(c.arguments().get("path").asText()).isEqualTo("/srv/data/a");
        assertThat(c.header("x-device-posture")).containsExactly("compliant");
        assertThat(c.claims()).containsEntry("dept", "R&D").doesNotContainKey("nullable");
        assertThatThrownBy(() -> c.groups().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void requiresTheAlwaysKnownParts() {
        assertThatThrownBy(() -> RequestContext.builder(null, "m", SOURCE, NOW)).hasMessage("serverId");
        assertThatThrownBy(() -> RequestContext.builder("s", "m", null, NOW)).hasMessage("sourceAddress");
        assertThatThrownBy(() -> RequestContext.builder("s", "m", SOURCE, null)).hasMessage("time");
    }
}
