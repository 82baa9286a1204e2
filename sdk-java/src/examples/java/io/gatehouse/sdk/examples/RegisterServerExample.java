package io.gatehouse.sdk.examples;

import io.gatehouse.protocol.api.KillSwitch;
import io.gatehouse.protocol.api.KillSwitchRequest;
import io.gatehouse.protocol.api.KillSwitchScope;
import io.gatehouse.protocol.api.Scope;
import io.gatehouse.protocol.api.ScopeRequest;
import io.gatehouse.protocol.api.Server;
import io.gatehouse.protocol.api.ServerRequest;
import io.gatehouse.protocol.api.ServerStatus;
import io.gatehouse.protocol.api.ToolBindingRequest;
import io.gatehouse.protocol.api.Transport;
import io.gatehouse.protocol.api.UpstreamAuth;
import io.gatehouse.protocol.api.UpstreamAuthType;
import io.gatehouse.sdk.Gatehouse;
import io.gatehouse.sdk.InvalidRequestException;
import io.gatehouse.sdk.ListParams;
import io.gatehouse.sdk.PreconditionFailedException;
import java.util.List;
import java.util.Map;

/**
 * Registers an MCP server, its scopes and a tool binding, approves it, and pulls the emergency
 * brake. Run with GATEHOUSE_API_URL and GATEHOUSE_API_TOKEN (printed by ./gatehouse dev).
 */
public final class RegisterServerExample {
    private RegisterServerExample() {}

    public static void main(String[] args) {
        Gatehouse client = Gatehouse.builder()
                .baseUrl(System.getenv().getOrDefault("GATEHOUSE_API_URL", "http://localhost:8080"))
                .token(System.getenv("GATEHOUSE_API_TOKEN"))
                .build();

        Server files = client.servers()
                .create(new ServerRequest(
                        "files",
                        null,
                        "https://mcp.internal.example/files",
                        Transport.STREAMABLE_HTTP,
                        new UpstreamAuth(UpstreamAuthType.BEARER, "env:FILES_MCP_TOKEN", null, null, null, null),
                        List.of("https://app.example.com"),
                        null,
                        Map.of("team", "platform")));

        Scope read = client.scopes().create(new ScopeRequest("files:read", "read files", List.of()));
        client.scopes().create(new ScopeRequest("files:write", "write files", List.of(read.name())));
        client.toolBindings()
                .create(new ToolBindingRequest(files.id(), "write_*", List.of("files:write"), null, List.of("path")));

        try {
            Server approved = client.servers().update(files, withStatus(files, ServerStatus.APPROVED));
            System.out.println("approved " + approved.slug() + " at version " + approved.version());
        } catch (PreconditionFailedException e) {
            System.out.println("someone else changed the server first; request " + e.requestId());
        }

        try {
            client.scopes().create(new ScopeRequest("Not A Scope", null, null));
        } catch (InvalidRequestException e) {
            e.fieldErrors().forEach(f -> System.out.println(f.field() + ": " + f.message()));
        }

        KillSwitch stop = client.killSwitches()
                .create(new KillSwitchRequest(KillSwitchScope.SERVER, files.id(), null, "suspected exfiltration"));
        client.killSwitches().delete(stop.id()); // lift it again

        for (Server server : client.servers().listAll(ListParams.create().filter("label", "team=platform"))) {
            System.out.println(server.slug() + " " + server.status());
        }
    }

    private static ServerRequest withStatus(Server s, ServerStatus status) {
        return new ServerRequest(s.name(), s.slug(), s.upstreamUrl(), s.transport(), s.upstreamAuth(),
                s.allowedOrigins(), status, s.labels());
    }
}
