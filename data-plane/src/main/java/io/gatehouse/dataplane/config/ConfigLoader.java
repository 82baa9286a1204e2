package io.gatehouse.dataplane.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.gatehouse.dataplane.audit.ShipperSettings;
import io.gatehouse.dataplane.audit.WalSettings;
import io.gatehouse.dataplane.config.DataPlaneConfig.AuthMode;
import io.gatehouse.dataplane.config.DataPlaneConfig.Endpoint;
import io.gatehouse.dataplane.config.DataPlaneConfig.Limits;
import io.gatehouse.dataplane.config.DataPlaneConfig.Profile;
import io.gatehouse.dataplane.config.DataPlaneConfig.RouteSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads the agent's YAML configuration: {@code ${ENV}} / {@code ${ENV:-default}} substitution,
 * defaults in code, unknown keys rejected, every value validated with a field-specific message.
 */
public final class ConfigLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern VERSION = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    private ConfigLoader() {}

    public static DataPlaneConfig load(Path file) throws ConfigException {
        return load(file, System::getenv);
    }

    public static DataPlaneConfig load(Path file, Function<String, String> env) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(text, env, base);
    }

    public static DataPlaneConfig parse(String yaml, Function<String, String> env, Path baseDir)
            throws ConfigException {
        JsonNode root;
        try {
            root = YAML.readTree(EnvSubstitution.apply(yaml, env));
        } catch (JacksonException e) {
            throw new ConfigException("not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException("config: expected a mapping at the top level");
        }
        Node top = new Node((ObjectNode) root, "");
        top.allow(
                "profile",
                "bundleFile",
                "listener",
                "admin",
                "limits",
                "protocolVersions",
                "routes",
                "audit",
                "redis",
                "fleet",
                "redaction");

        Profile profile = top.enumValue("profile", Profile.class, Profile.PRODUCTION);
        String bundle = top.text("bundleFile", null);
        DataPlaneConfig.Fleet fleet = fleet(top, baseDir);
        if (bundle == null && fleet == null) {
            throw new ConfigException("bundleFile: required (the local bundle file with routes and identity"
                    + " providers) unless fleet.stateDir is set (bundles from the control plane)");
        }
        if (bundle != null && fleet != null) {
            throw new ConfigException("bundleFile: not allowed together with fleet (choose the local bundle file"
                    + " or the enrolled state, not both)");
        }
        Endpoint listener = endpoint(top.child("listener"), "0.0.0.0", 9090);
        Endpoint admin = endpoint(top.child("admin"), "127.0.0.1", 9091);
        Limits limits = limits(top.child("limits"));
        List<String> versions = top.stringList("protocolVersions", DataPlaneConfig.DEFAULT_PROTOCOL_VERSIONS);
        for (int i = 0; i < versions.size(); i++) {
            if (!VERSION.matcher(versions.get(i)).matches()) {
                throw new ConfigException("protocolVersions[" + i + "]: '" + versions.get(i)
                        + "' (expected: a dated MCP revision like 2025-11-25)");
            }
        }
        if (versions.isEmpty()) {
            throw new ConfigException("protocolVersions: must list at least one version");
        }
        Map<String, RouteSettings> routes = routes(top.child("routes"), profile);
        DataPlaneConfig.Audit audit = audit(top.child("audit"), baseDir);
        DataPlaneConfig.Redis redis = redis(top.child("redis"));
        DataPlaneConfig.Redaction redaction = redaction(top.child("redaction"));

        return new DataPlaneConfig(
                profile,
                bundle == null ? null : resolve(baseDir, bundle),
                listener,
                admin,
                limits,
                versions,
                routes,
                audit,
                redis,
                fleet,
                redaction);
    }

    private static DataPlaneConfig.Redaction redaction(Node node) throws ConfigException {
        node.allow("hashKey");
        String hashKey = node.text("hashKey", null);
        if (hashKey != null) {
            try {
                io.gatehouse.dataplane.auth.SecretResolver.checkSyntax(hashKey);
            } catch (RuntimeException e) {
                throw new ConfigException("redaction.hashKey: " + e.getMessage());
            }
        }
        return new DataPlaneConfig.Redaction(hashKey);
    }

    private static DataPlaneConfig.Redis redis(Node node) throws ConfigException {
        node.allow("uri", "timeout");
        String uri = node.text("uri", null);
        if (uri != null && uri.isBlank()) {
            uri = null;
        }
        if (uri != null && !uri.startsWith("redis://") && !uri.startsWith("rediss://")) {
            throw new ConfigException("redis.uri: expected a redis:// or rediss:// URI");
        }
        java.time.Duration timeout = node.duration("timeout", DataPlaneConfig.Redis.DEFAULT_TIMEOUT);
        if (timeout.isZero() || timeout.isNegative()) {
            throw new ConfigException("redis.timeout: " + timeout + " (expected: > 0)");
        }
        return new DataPlaneConfig.Redis(uri, timeout);
    }

    private static DataPlaneConfig.Fleet fleet(Node top, Path baseDir) throws ConfigException {
        if (!top.object.has("fleet") || top.object.get("fleet").isNull()) {
            return null;
        }
        Node node = top.child("fleet");
        node.allow("stateDir", "heartbeatInterval", "resyncInterval", "pulsarUrl", "enroll");
        String stateDir = node.text("stateDir", null);
        if (stateDir == null) {
            throw new ConfigException("fleet.stateDir: required (the folder of `gatehouse data-plane enroll`)");
        }
        String pulsarUrl = node.text("pulsarUrl", null);
        if (pulsarUrl != null && !pulsarUrl.matches("pulsar(\\+ssl)?://[^\\s]+")) {
            throw new ConfigException(
                    "fleet.pulsarUrl: '" + pulsarUrl + "' (expected: pulsar://host:port or pulsar+ssl://host:port)");
        }
        DataPlaneConfig.Enroll enroll = null;
        if (node.object.has("enroll") && !node.object.get("enroll").isNull()) {
            Node e = node.child("enroll");
            e.allow("controlPlane", "token", "name");
            String controlPlane = e.text("controlPlane", null);
            String token = e.text("token", null);
            if (controlPlane == null || !controlPlane.matches("https?://[^\\s]+")) {
                throw new ConfigException("fleet.enroll.controlPlane: required, an http(s) URL of the control plane");
            }
            if (token == null) {
                throw new ConfigException(
                        "fleet.enroll.token: required (e.g. ${GATEHOUSE_ENROLLMENT_TOKEN}; never put it in the file)");
            }
            enroll = new DataPlaneConfig.Enroll(controlPlane, token, e.text("name", null));
        }
        return new DataPlaneConfig.Fleet(
                resolve(baseDir, stateDir),
                node.duration("heartbeatInterval", DataPlaneConfig.Fleet.DEFAULT_HEARTBEAT),
                node.duration("resyncInterval", DataPlaneConfig.Fleet.DEFAULT_RESYNC),
                pulsarUrl,
                enroll);
    }

    private static DataPlaneConfig.Audit audit(Node audit, Path baseDir) throws ConfigException {
        audit.allow("file", "agentId", "tenant", "wal", "pulsar");
        String file = audit.text("file", null);
        Node wal = audit.child("wal");
        wal.allow(
                "dir",
                "maxBatchRecords",
                "maxBatchBytes",
                "maxBatchDelay",
                "segmentMib",
                "maxDiskMib",
                "queueCapacity",
                "whenFull");
        String walDir = wal.text("dir", baseDir == null ? "off" : "audit-wal");
        WalSettings walSettings = null;
        if (!walDir.equals("off")) {
            WalSettings d = WalSettings.defaults(resolve(baseDir, walDir));
            int segmentMib = wal.intValue("segmentMib", (int) (d.segmentBytes() >> 20), 1, 4096);
            try {
                walSettings = new WalSettings(
                        resolve(baseDir, walDir),
                        wal.intValue("maxBatchRecords", d.maxBatchRecords(), 1, 10_000),
                        wal.intValue("maxBatchBytes", d.maxBatchBytes(), 1024, 4 * 1024 * 1024),
                        wal.duration("maxBatchDelay", d.maxBatchDelay()),
                        (long) segmentMib << 20,
                        (long) wal.intValue("maxDiskMib", (int) (d.maxDiskBytes() >> 20), segmentMib, 1 << 30) << 20,
                        wal.intValue("queueCapacity", d.queueCapacity(), 1, 1 << 24),
                        wal.enumValue("whenFull", WalSettings.WhenFull.class, d.whenFull()));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("audit.wal." + e.getMessage());
            }
        }
        Node pulsar = audit.child("pulsar");
        pulsar.allow("serviceUrl", "token", "topic", "maxInFlight");
        String serviceUrl = pulsar.text("serviceUrl", null);
        ShipperSettings shipper = null;
        if (serviceUrl != null) {
            if (walSettings == null) {
                throw new ConfigException("audit.pulsar: needs the WAL (audit.wal.dir is off)");
            }
            try {
                shipper = new ShipperSettings(
                        serviceUrl,
                        pulsar.text("token", null),
                        pulsar.text("topic", null),
                        pulsar.intValue("maxInFlight", 32, 1, 1000));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("audit.pulsar." + e.getMessage());
            }
        }
        return new DataPlaneConfig.Audit(
                file == null || file.equals("-") ? null : resolve(baseDir, file),
                audit.text("agentId", null),
                audit.text("tenant", null),
                walSettings,
                shipper);
    }

    private static Path resolve(Path baseDir, String path) {
        Path p = Path.of(path);
        return p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p).normalize();
    }

    private static Endpoint endpoint(Node node, String defaultHost, int defaultPort) throws ConfigException {
        node.allow("host", "port");
        String host = node.text("host", defaultHost);
        int port = node.intValue("port", defaultPort, 0, 65535);
        return new Endpoint(host, port);
    }

    private static Limits limits(Node node) throws ConfigException {
        node.allow(
                "maxBodyBytes",
                "maxJsonDepth",
                "maxResponseBytes",
                "upstreamConnectTimeout",
                "upstreamResponseTimeout",
                "streamIdleTimeout",
                "sessionIdleTimeout",
                "maxSessions");
        Limits d = Limits.defaults();
        return new Limits(
                node.intValue("maxBodyBytes", d.maxBodyBytes(), 1, 64 * 1024 * 1024),
                node.intValue("maxJsonDepth", d.maxJsonDepth(), 2, 1000),
                node.intValue("maxResponseBytes", d.maxResponseBytes(), 1024, 256 * 1024 * 1024),
                node.duration("upstreamConnectTimeout", d.upstreamConnectTimeout()),
                node.duration("upstreamResponseTimeout", d.upstreamResponseTimeout()),
                node.duration("streamIdleTimeout", d.streamIdleTimeout()),
                node.duration("sessionIdleTimeout", d.sessionIdleTimeout()),
                node.intValue("maxSessions", d.maxSessions(), 1, 10_000_000));
    }

    private static Map<String, RouteSettings> routes(Node node, Profile profile) throws ConfigException {
        Map<String, RouteSettings> routes = new LinkedHashMap<>();
        for (Iterator<String> it = node.object.fieldNames(); it.hasNext(); ) {
            String slug = it.next();
            String field = "routes." + slug;
            if (!SLUG.matcher(slug).matches()) {
                throw new ConfigException(field + ": '" + slug + "' is not a route slug (expected: " + SLUG + ")");
            }
            Node route = node.child(slug);
            route.allow("auth");
            JsonNode auth = route.object.get("auth");
            AuthMode mode = AuthMode.REQUIRED;
            if (auth != null) {
                String value = auth.isBoolean() ? (auth.booleanValue() ? "required" : "off") : auth.asText();
                mode = switch (value.toLowerCase(Locale.ROOT)) {
                    case "required" -> AuthMode.REQUIRED;
                    case "off" -> AuthMode.OFF;
                    default -> throw new ConfigException(field + ".auth: '" + value + "' (expected: required or off)");
                };
            }
            if (mode == AuthMode.OFF && profile != Profile.TEST) {
                throw new ConfigException(field + ".auth: off is only allowed with profile: test");
            }
            routes.put(slug, new RouteSettings(mode));
        }
        return routes;
    }

    /** A mapping in the YAML tree with its dotted path, for precise messages. */
    private record Node(ObjectNode object, String path) {

        String field(String name) {
            return path.isEmpty() ? name : path + "." + name;
        }

        void allow(String... names) throws ConfigException {
            Set<String> known = Set.of(names);
            for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!known.contains(name)) {
                    throw new ConfigException(
                            field(name) + ": unknown key (expected one of " + String.join(", ", names) + ")");
                }
            }
        }

        Node child(String name) throws ConfigException {
            JsonNode value = object.get(name);
            if (value == null || value.isNull()) {
                return new Node(YAML.createObjectNode(), field(name));
            }
            if (!value.isObject()) {
                throw new ConfigException(field(name) + ": expected a mapping");
            }
            return new Node((ObjectNode) value, field(name));
        }

        String text(String name, String fallback) throws ConfigException {
            JsonNode value = object.get(name);
            if (value == null || value.isNull()) {
                return fallback;
            }
            if (!value.isValueNode() || value.asText().isBlank()) {
                throw new ConfigException(field(name) + ": expected a non-empty string");
            }
            return value.asText();
        }

        int intValue(String name, int fallback, int min, int max) throws ConfigException {
            JsonNode value = object.get(name);
            if (value == null || value.isNull()) {
                return fallback;
            }
            long n;
            if (value.isIntegralNumber()) {
                n = value.longValue();
            } else if (value.isTextual() && value.asText().trim().matches("-?[0-9]{1,12}")) {
                n = Long.parseLong(value.asText().trim());
            } else {
                throw new ConfigException(field(name) + ": '" + value.asText() + "' (expected: an integer)");
            }
            if (n < min || n > max) {
                throw new ConfigException(field(name) + ": " + n + " (expected: " + min + ".." + max + ")");
            }
            return (int) n;
        }

        Duration duration(String name, Duration fallback) throws ConfigException {
            String text = text(name, null);
            if (text == null) {
                return fallback;
            }
            Duration d = DurationText.parse(text, field(name));
            if (d.isNegative() || d.isZero()) {
                throw new ConfigException(field(name) + ": '" + text + "' (expected: > 0)");
            }
            return d;
        }

        <E extends Enum<E>> E enumValue(String name, Class<E> type, E fallback) throws ConfigException {
            String text = text(name, null);
            if (text == null) {
                return fallback;
            }
            try {
                return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                List<String> names = new ArrayList<>();
                for (E constant : type.getEnumConstants()) {
                    names.add(constant.name().toLowerCase(Locale.ROOT));
                }
                throw new ConfigException(field(name) + ": '" + text + "' (expected one of " + names + ")");
            }
        }

        List<String> stringList(String name, List<String> fallback) throws ConfigException {
            JsonNode value = object.get(name);
            if (value == null || value.isNull()) {
                return fallback;
            }
            if (!value.isArray()) {
                throw new ConfigException(field(name) + ": expected a list");
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                JsonNode element = value.get(i);
                if (!element.isValueNode() || element.asText().isBlank()) {
                    throw new ConfigException(field(name) + "[" + i + "]: expected a non-empty string");
                }
                out.add(element.asText());
            }
            return out;
        }
    }
}
