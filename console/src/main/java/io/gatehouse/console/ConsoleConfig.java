package io.gatehouse.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The console's configuration: where the control plane's REST API is and where the console listens.
 *
 * <p>Each key falls back to an environment variable, then to a default: {@code controlPlaneUrl}
 * ({@code GATEHOUSE_API_URL}, default {@code http://localhost:8080}), {@code publicControlPlaneUrl}
 * ({@code GATEHOUSE_PUBLIC_API_URL}, default: {@code controlPlaneUrl}; what data planes are told to
 * enroll against), {@code host} ({@code GATEHOUSE_CONSOLE_HOST}, default {@code 127.0.0.1}) and
 * {@code port} ({@code GATEHOUSE_CONSOLE_PORT}, default {@code 8090}; 0 picks a free port). A URL
 * that ends in {@code /api/v1} is accepted and trimmed to the server root the SDK expects.
 *
 * <p>{@link Onboarding} (all optional) tailors the commands the first-run checklist shows: where a new
 * data plane will answer, where its state goes, and, under {@code ./gatehouse dev}, the dev identity
 * provider and demo MCP server a newcomer can use.
 */
public record ConsoleConfig(
        URI controlPlaneUrl, URI publicControlPlaneUrl, String host, int port, Onboarding onboarding) {
    static final Set<String> KEYS = Set.of(
            "controlPlaneUrl",
            "publicControlPlaneUrl",
            "host",
            "port",
            "dataPlaneUrl",
            "agentDir",
            "devEnvFile",
            "devOidcIssuer",
            "devMcpUpstream");

    /**
     * What the checklist's commands say.
     *
     * @param dataPlaneUrl where a newly enrolled data plane answers ({@code GATEHOUSE_CONSOLE_DATA_PLANE_URL});
     *     the checklist's default group gets it as public URL, the start command listens on its port; null: the
     *     control plane's default ({@code http://localhost:9090})
     * @param agentDir the folder under which enroll commands put a data plane's state ({@code
     *     GATEHOUSE_CONSOLE_AGENT_DIR}); null: the enroll command's default
     * @param devEnvFile under {@code ./gatehouse dev}: its {@code dev.env}, sourced by the call command for the dev
     *     issuer's client credentials; null outside dev
     * @param devOidcIssuer under {@code ./gatehouse dev}: the dev OIDC issuer, suggested as identity provider
     * @param devMcpUpstream under {@code ./gatehouse dev}: the demo MCP server, suggested as first server
     */
    public record Onboarding(
            URI dataPlaneUrl, String agentDir, String devEnvFile, URI devOidcIssuer, URI devMcpUpstream) {
        public static final Onboarding NONE = new Onboarding(null, null, null, null, null);

        /** Whether the console runs under {@code ./gatehouse dev} (and may suggest its dev peers). */
        public boolean dev() {
            return devEnvFile != null && devOidcIssuer != null;
        }
    }

    public ConsoleConfig(URI controlPlaneUrl, URI publicControlPlaneUrl, String host, int port) {
        this(controlPlaneUrl, publicControlPlaneUrl, host, port, Onboarding.NONE);
    }

    public ConsoleConfig {
        Objects.requireNonNull(controlPlaneUrl, "controlPlaneUrl");
        Objects.requireNonNull(publicControlPlaneUrl, "publicControlPlaneUrl");
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
        }
        onboarding = onboarding == null ? Onboarding.NONE : onboarding;
    }

    /** Reads a YAML file; keys it does not set come from the environment or the defaults. */
    public static ConsoleConfig load(Path file, Function<String, String> env) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (root != null && !root.isMissingNode() && !root.isNull() && !root.isObject()) {
            throw new IllegalArgumentException(file + ": expected a mapping of keys " + KEYS);
        }
        return from(root == null || !root.isObject() ? Map.of() : flat(root), env);
    }

    /** Builds the config from already-read keys, with environment and default fallbacks. */
    static ConsoleConfig from(Map<String, String> values, Function<String, String> env) {
        for (String key : values.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "' (expected one of " + KEYS + ")");
            }
        }
        String api = pick(values, "controlPlaneUrl", env, "GATEHOUSE_API_URL", "http://localhost:8080");
        URI controlPlane = apiRoot("controlPlaneUrl", api);
        String publicApi = pick(values, "publicControlPlaneUrl", env, "GATEHOUSE_PUBLIC_API_URL", null);
        URI publicControlPlane = publicApi == null ? controlPlane : apiRoot("publicControlPlaneUrl", publicApi);
        String host = pick(values, "host", env, "GATEHOUSE_CONSOLE_HOST", "127.0.0.1");
        String port = pick(values, "port", env, "GATEHOUSE_CONSOLE_PORT", "8090");
        int parsedPort;
        try {
            parsedPort = Integer.parseInt(port.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port: '" + port + "' (expected: a number 0..65535)", e);
        }
        String dataPlane = pick(values, "dataPlaneUrl", env, "GATEHOUSE_CONSOLE_DATA_PLANE_URL", null);
        String issuer = pick(values, "devOidcIssuer", env, "GATEHOUSE_CONSOLE_DEV_OIDC_ISSUER", null);
        String upstream = pick(values, "devMcpUpstream", env, "GATEHOUSE_CONSOLE_DEV_MCP_UPSTREAM", null);
        Onboarding onboarding = new Onboarding(
                dataPlane == null ? null : apiRoot("dataPlaneUrl", dataPlane),
                pick(values, "agentDir", env, "GATEHOUSE_CONSOLE_AGENT_DIR", null),
                pick(values, "devEnvFile", env, "GATEHOUSE_CONSOLE_DEV_ENV_FILE", null),
                issuer == null ? null : apiRoot("devOidcIssuer", issuer),
                upstream == null ? null : absoluteUrl("devMcpUpstream", upstream));
        return new ConsoleConfig(controlPlane, publicControlPlane, host, parsedPort, onboarding);
    }

    private static URI absoluteUrl(String key, String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": '" + url + "' is not a URL", e);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException(key + ": '" + url + "' (expected: an absolute http(s) URL)");
        }
        return uri;
    }

    private static Map<String, String> flat(JsonNode root) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isContainerNode()) {
                throw new IllegalArgumentException(e.getKey() + ": expected a single value");
            }
            if (!e.getValue().isNull()) {
                values.put(e.getKey(), e.getValue().asText());
            }
        }
        return values;
    }

    private static String pick(
            Map<String, String> values, String key, Function<String, String> env, String var, String fallback) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            value = env.apply(var);
        }
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    /** {@code http://host:8080/api/v1/} → {@code http://host:8080}. */
    static URI apiRoot(String key, String url) {
        String trimmed = url.trim().replaceAll("/+$", "");
        if (trimmed.endsWith("/api/v1")) {
            trimmed = trimmed.substring(0, trimmed.length() - "/api/v1".length());
        }
        URI uri;
        try {
            uri = URI.create(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": '" + url + "' is not a URL", e);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException(key + ": '" + url + "' (expected: an absolute http(s) URL)");
        }
        return uri;
    }
}
