package io.gatehouse.console.ui.onboarding;

import io.gatehouse.console.ConsoleConfig;
import io.gatehouse.console.ui.views.EnrollCommand;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The exact shell commands the checklist shows, run from a Gatehouse checkout: enroll a data plane, start it, and
 * make a first protected MCP call through it. Pure text; {@code PlainObjectsTest} and the browser tests pin them.
 *
 * @param controlPlaneUrl the URL data planes enroll against
 * @param onboarding the console's onboarding settings (agent folder, data-plane URL, dev peers)
 */
public record DataPlaneCommands(String controlPlaneUrl, ConsoleConfig.Onboarding onboarding) {
    /** The control plane's default public URL of data planes (DESIGN §8). */
    public static final URI DEFAULT_DATA_PLANE_URL = URI.create("http://localhost:9090");

    static final String PROTOCOL_VERSION = "2025-11-25";
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:@%+=,-]+");

    public DataPlaneCommands {
        Objects.requireNonNull(controlPlaneUrl, "controlPlaneUrl");
        onboarding = onboarding == null ? ConsoleConfig.Onboarding.NONE : onboarding;
    }

    /** The folder of this tenant's data plane: its config, state and audit WAL. */
    String folder(String tenantId) {
        if (onboarding.agentDir() == null) {
            return ".gatehouse";
        }
        return onboarding.agentDir().replaceAll("/+$", "") + "/data-plane-" + shortId(tenantId);
    }

    /** Where the agent keeps its identity, relative to {@link #folder}. */
    private String stateName() {
        return onboarding.agentDir() == null ? "agent" : "state";
    }

    /** The enroll command for a fresh token (with its own state folder when the console knows where agents go). */
    public String enroll(String token, String tenantId) {
        String command = EnrollCommand.of(controlPlaneUrl, token);
        if (onboarding.agentDir() == null) {
            return command;
        }
        return command + " --state-dir " + quote(folder(tenantId) + "/" + stateName()) + " --name "
                + quote("data-plane-" + shortId(tenantId));
    }

    /** Writes the agent's config next to its state and starts it in the foreground (Ctrl-C stops it). */
    public String start(String tenantId) {
        URI url = onboarding.dataPlaneUrl() != null ? onboarding.dataPlaneUrl() : DEFAULT_DATA_PLANE_URL;
        int port = url.getPort() > 0 ? url.getPort() : ("https".equals(url.getScheme()) ? 443 : 80);
        String host = isLoopback(url.getHost()) ? "127.0.0.1" : "0.0.0.0";
        String folder = folder(tenantId);
        String config = folder + "/data-plane.yml";
        return "mkdir -p " + quote(folder) + " && cat > " + quote(config) + " <<'EOF'\n"
                + "# A data plane enrolled from the Gatehouse console; every key: docs/data-plane.md\n"
                + "fleet: {stateDir: " + stateName() + "}\n"
                + "listener: {host: " + host + ", port: " + port + "}\n"
                + "admin: {host: " + host + ", port: " + (port + 1) + "}\n"
                + "EOF\n"
                + "./gatehouse data-plane " + quote(config);
    }

    /**
     * A first protected call with curl: an access token for the route, {@code initialize}, {@code tools/list}
     * and one {@code tools/call}. Under {@code ./gatehouse dev} the token comes from the dev OIDC issuer with the
     * client credentials in dev.env; elsewhere the command expects {@code TOKEN} from the tenant's issuer.
     *
     * @param routeUrl the route's URL, {@code {public URL of the group}/mcp/{slug}} (also the token's audience)
     * @param issuer the tenant's identity provider (named in the hint when not under dev), or null
     */
    public String call(String routeUrl, String tool, String issuer) {
        Objects.requireNonNull(routeUrl, "routeUrl");
        Objects.requireNonNull(tool, "tool");
        StringBuilder s = new StringBuilder();
        if (onboarding.dev()) {
            s.append(". ").append(quote(onboarding.devEnvFile())).append('\n');
        }
        s.append("URL=").append(quote(routeUrl)).append('\n');
        if (onboarding.dev()) {
            s.append("TOKEN=$(curl -s -u \"$GATEHOUSE_DEV_OIDC_CLIENT_ID:$GATEHOUSE_DEV_OIDC_CLIENT_SECRET\"")
                    .append(" -d grant_type=client_credentials --data-urlencode \"resource=$URL\"")
                    .append(" \"$GATEHOUSE_DEV_OIDC_TOKEN_URL\"")
                    .append(" | sed -n 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/p')\n");
        } else {
            String from = issuer == null ? "your identity provider" : issuer;
            s.append("TOKEN=\"${TOKEN:?set TOKEN to an access token from ")
                    .append(from.replaceAll("[^A-Za-z0-9_./:@%+=,-]", ""))
                    .append(" whose aud is $URL}\"\n");
        }
        s.append("H=(-H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json'")
                .append(" -H 'Accept: application/json, text/event-stream')\n");
        s.append("SID=$(curl -s -D - -o /dev/null \"${H[@]}\" \"$URL\" -d '")
                .append("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"")
                .append(PROTOCOL_VERSION)
                .append("\",\"capabilities\":{},\"clientInfo\":{\"name\":\"curl\",\"version\":\"1\"}}}'")
                .append(" | sed -n 's/^[Mm]cp-[Ss]ession-[Ii]d: //p' | tr -d '\\r')\n");
        String session = "curl -s \"${H[@]}\" -H \"Mcp-Session-Id: $SID\" -H 'MCP-Protocol-Version: " + PROTOCOL_VERSION
                + "' \"$URL\" -d ";
        s.append(session).append("'{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}'; echo\n");
        String call = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":" + json(tool)
                + ",\"arguments\":" + arguments(tool) + "}}";
        s.append(session).append(singleQuoted(call)).append("; echo");
        return s.toString();
    }

    /** The demo server's {@code echo} needs a message; other tools get none (the call is audited either way). */
    static String arguments(String tool) {
        return tool.equals("echo") ? "{\"message\":\"hello through Gatehouse\"}" : "{}";
    }

    /** The route URL of a server slug behind a group with {@code publicBaseUrl} (null: the configured default). */
    public String routeUrl(String publicBaseUrl, String slug) {
        String base = publicBaseUrl != null
                ? publicBaseUrl
                : (onboarding.dataPlaneUrl() != null ? onboarding.dataPlaneUrl() : DEFAULT_DATA_PLANE_URL).toString();
        return base.replaceAll("/+$", "") + "/mcp/" + slug;
    }

    static String shortId(String tenantId) {
        String clean = tenantId == null ? "" : tenantId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return clean.isEmpty() ? "tenant" : clean.substring(0, Math.min(8, clean.length()));
    }

    private static boolean isLoopback(String host) {
        return host == null || host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    static String quote(String value) {
        return SHELL_SAFE.matcher(value).matches() ? value : singleQuoted(value);
    }

    private static String singleQuoted(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    private static String json(String value) {
        StringBuilder s = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }
}
