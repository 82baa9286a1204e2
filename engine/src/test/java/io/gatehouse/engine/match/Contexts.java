package io.gatehouse.engine.match;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Test fixtures for {@link RequestContext}. */
final class Contexts {

    static final ObjectMapper JSON = new ObjectMapper();

    private Contexts() {}

    static RequestContext sample() {
        return new RequestContext(
                "alice",
                "https://idp.example.com",
                "ide-plugin",
                Set.of("engineering", "oncall"),
                Set.of("tools:read"),
                Map.of(
                        "department",
                        "R&D",
                        "roles",
                        List.of("reader", "writer"),
                        "level",
                        7,
                        "email_verified",
                        true,
                        "address",
                        Map.of("country", "DE")),
                "files",
                "tools/call",
                "fs_read",
                "",
                json("{\"path\":\"/srv/data/x\",\"limit\":10,\"tags\":[\"a\",\"b\"]}"),
                IpAddresses.toInetAddress(IpAddresses.parse("10.1.2.3").orElseThrow()),
                Map.of("X-Device-Posture", List.of("compliant"), "User-Agent", List.of("test")),
                Instant.parse("2026-11-24T10:15:30Z"));
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static RequestContext withHeaders(Map<String, List<String>> headers) {
        RequestContext c = sample();
        return new RequestContext(
                c.subject(),
                c.issuer(),
                c.clientId(),
                c.groups(),
                c.scopes(),
                c.claims(),
                c.serverId(),
                c.method(),
                c.toolName(),
                c.resourceUri(),
                c.arguments(),
                c.sourceAddress(),
                headers,
                c.time());
    }

    static RequestContext withTime(Instant time) {
        RequestContext c = sample();
        return new RequestContext(
                c.subject(),
                c.issuer(),
                c.clientId(),
                c.groups(),
                c.scopes(),
                c.claims(),
                c.serverId(),
                c.method(),
                c.toolName(),
                c.resourceUri(),
                c.arguments(),
                c.sourceAddress(),
                c.headers(),
                time);
    }

    static RequestContext withArguments(JsonNode arguments) {
        RequestContext c = sample();
        return new RequestContext(
                c.subject(),
                c.issuer(),
                c.clientId(),
                c.groups(),
                c.scopes(),
                c.claims(),
                c.serverId(),
                c.method(),
                c.toolName(),
                c.resourceUri(),
                arguments,
                c.sourceAddress(),
                c.headers(),
                c.time());
    }
}
