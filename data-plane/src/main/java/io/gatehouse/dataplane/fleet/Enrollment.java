package io.gatehouse.dataplane.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.protocol.fleet.EnrollmentRequest;
import io.gatehouse.protocol.fleet.EnrollmentResponse;
import io.gatehouse.protocol.fleet.PulsarTopics;
import io.gatehouse.protocol.signing.AgentIdentity;
import io.gatehouse.protocol.signing.MasterKey;
import io.gatehouse.protocol.signing.PossessionProof;
import io.gatehouse.protocol.signing.TrustSetRejectedException;
import io.gatehouse.protocol.signing.TrustSetUpdate;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Enrolls this agent with a control plane: generates the agent's key pair and a storage key, proves possession of
 * the key over the enrollment token ({@link PossessionProof}, nonce = token, audience =
 * {@link EnrollmentRequest#ENROLLMENT_AUDIENCE}), posts the {@link EnrollmentRequest} to
 * {@code {controlPlane}/api/v1/data-planes:enroll}, checks the answer (the trust set must be self-consistently
 * signed for the tenant) and only then writes the state directory. Any failure leaves the directory as it was.
 */
public final class Enrollment {

    public static final String PATH = "/api/v1/data-planes:enroll";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}");
    private static final Pattern NAME = Pattern.compile("[\\p{Graph} ]{1,128}");
    private static final Pattern PULSAR_URL = Pattern.compile("pulsar(\\+ssl)?://[^\\s/]+(/.*)?");
    private static final int MAX_SHOWN = 300;

    private final HttpClient http;
    private final Clock clock;
    private final Duration timeout;

    public Enrollment(Clock clock) {
        this(
                HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(10))
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build(),
                clock,
                Duration.ofSeconds(30));
    }

    Enrollment(HttpClient http, Clock clock, Duration timeout) {
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * Enrolls and writes the state directory ({@link StateDir} names its files).
     *
     * @param controlPlane the control plane's base URL ({@code https://cp.example.com})
     * @param token the enrollment token (secret)
     * @param name the agent's name; null = this host's name
     * @param agentVersion this agent's software version
     */
    public EnrolledState enroll(Path stateDir, String controlPlane, String token, String name, String agentVersion)
            throws EnrollmentException {
        URI endpoint = endpoint(controlPlane);
        requireToken(token);
        String agentName = name == null ? hostName() : name;
        if (!NAME.matcher(agentName).matches()) {
            throw new EnrollmentException("name: '" + agentName + "' (expected: 1-128 printable characters)");
        }
        StateDir dir = new StateDir(stateDir);
        if (dir.isEnrolled()) {
            throw new EnrollmentException(dir + " already holds an enrollment (" + StateDir.ENROLLMENT
                    + "); use another --state-dir, or delete this one to enroll again");
        }
        boolean created = !Files.exists(dir.path());
        try {
            dir.createPrivate();
        } catch (IOException e) {
            throw new EnrollmentException("cannot use state directory " + dir + ": " + e.getMessage(), e);
        }
        try {
            return enroll(dir, endpoint, token, agentName, agentVersion);
        } catch (EnrollmentException | RuntimeException e) {
            if (created) {
                try {
                    Files.deleteIfExists(dir.path()); // only succeeds while still empty
                } catch (IOException ignored) {
                    // not empty or not removable: leave it
                }
            }
            throw e;
        }
    }

    private EnrolledState enroll(StateDir dir, URI endpoint, String token, String agentName, String agentVersion)
            throws EnrollmentException {

        AgentIdentity identity = AgentIdentity.generate();
        MasterKey storageKey = MasterKey.generate(SealedFiles.KEY_ID);
        Instant now = clock.instant();
        String proof = PossessionProof.create(identity, token, EnrollmentRequest.ENROLLMENT_AUDIENCE, now);
        byte[] body = json(new EnrollmentRequest(token, agentName, proof, agentVersion));
        byte[] answer = post(endpoint, body, token);

        EnrollmentResponse response;
        try {
            response = parseResponse(answer);
            validate(response, clock.instant());
        } catch (IllegalArgumentException e) {
            throw new EnrollmentException(
                    "the control plane at " + endpoint + " answered with an invalid enrollment: " + e.getMessage(), e);
        }

        SealedFiles files = new SealedFiles(dir, storageKey);
        Map<String, byte[]> plain = new LinkedHashMap<>();
        plain.put(StateDir.STORAGE_KEY, SealedFiles.encodeKey(storageKey));
        plain.put(StateDir.AGENT_INFO, agentInfo(response, agentName, endpoint, now));
        Map<String, byte[]> sealed = new LinkedHashMap<>();
        sealed.put(StateDir.AGENT_KEY, identity.toPrivateJwkJson().getBytes(StandardCharsets.UTF_8));
        sealed.put(StateDir.ENROLLMENT, answer); // written last: its presence commits the enrollment
        try {
            files.writeAll(sealed, plain);
        } catch (IOException e) {
            throw new EnrollmentException(
                    "enrolled as agent " + response.agentId() + ", but writing " + dir + " failed (" + e.getMessage()
                            + "); nothing was kept, enroll again with a new token",
                    e);
        }
        try {
            return EnrolledState.load(dir.path(), clock.instant());
        } catch (FleetStateException e) {
            throw new EnrollmentException("the state just written cannot be read back: " + e.getMessage(), e);
        }
    }

    private byte[] post(URI endpoint, byte[] body, String token) throws EnrollmentException {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, application/problem+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException e) {
            throw new EnrollmentException("cannot reach the control plane at " + endpoint + ": connect timed out", e);
        } catch (HttpTimeoutException e) {
            throw new EnrollmentException(
                    "the control plane at " + endpoint + " did not answer within " + timeout.toSeconds() + " s", e);
        } catch (ConnectException e) {
            throw new EnrollmentException(
                    "cannot reach the control plane at " + endpoint + ": connection refused or unreachable", e);
        } catch (IOException e) {
            throw new EnrollmentException(
                    "cannot reach the control plane at " + endpoint + ": "
                            + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : " (" + scrub(e.getMessage(), token) + ")"),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnrollmentException("interrupted while enrolling", e);
        }
        int status = response.statusCode();
        if (status == 200 || status == 201) {
            return response.body();
        }
        throw new EnrollmentException("the control plane refused the enrollment: HTTP " + status
                + problem(response.body(), token)
                + (status == 404 ? " (is " + endpoint.resolve("/") + " a Gatehouse control plane?)" : ""));
    }

    /** {@code ": title: detail"} of RFC 9457 problem details, or a short, scrubbed excerpt of another body. */
    private static String problem(byte[] body, String token) {
        if (body == null || body.length == 0) {
            return "";
        }
        try {
            JsonNode node = FleetJson.MAPPER.readTree(body);
            if (node != null && node.isObject() && (node.has("title") || node.has("detail"))) {
                StringBuilder text = new StringBuilder();
                if (node.hasNonNull("title")) {
                    text.append(": ").append(node.get("title").asText());
                }
                if (node.hasNonNull("detail")) {
                    text.append(": ").append(node.get("detail").asText());
                }
                return scrub(text.toString(), token);
            }
        } catch (IOException e) {
            // not JSON: show an excerpt
        }
        return ": " + scrub(new String(body, StandardCharsets.UTF_8), token);
    }

    private static String scrub(String text, String token) {
        String clean =
                text.replace(token, "***").replaceAll("[\\p{Cntrl}]+", " ").strip();
        return clean.length() > MAX_SHOWN ? clean.substring(0, MAX_SHOWN) + "…" : clean;
    }

    static URI endpoint(String controlPlane) throws EnrollmentException {
        if (controlPlane == null || controlPlane.isBlank()) {
            throw new EnrollmentException("control plane URL: missing (expected e.g. https://cp.example.com)");
        }
        URI base;
        try {
            base = URI.create(controlPlane.strip());
        } catch (IllegalArgumentException e) {
            throw new EnrollmentException("control plane URL: '" + controlPlane + "' is not a URL");
        }
        if (base.getHost() == null
                || !("https".equals(base.getScheme()) || "http".equals(base.getScheme()))
                || base.getRawQuery() != null
                || base.getRawFragment() != null) {
            throw new EnrollmentException("control plane URL: '" + controlPlane
                    + "' (expected an http(s) URL without query, e.g. https://cp.example.com)");
        }
        String path = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        return URI.create(base.getScheme() + "://" + base.getRawAuthority() + path + PATH);
    }

    private static void requireToken(String token) throws EnrollmentException {
        if (token == null || token.isBlank()) {
            throw new EnrollmentException("enrollment token: missing");
        }
        if (token.length() < 16 || token.length() > 512 || !token.equals(token.strip())) {
            throw new EnrollmentException("enrollment token: " + token.length()
                    + " characters (expected the 16-512 character token shown when it was created)");
        }
    }

    /** This host's name: {@code HOSTNAME}, else {@code /etc/hostname}, else a (possibly slow) resolver lookup. */
    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && NAME.matcher(env).matches()) {
            return env;
        }
        try {
            String file = Files.readString(Path.of("/etc/hostname")).strip();
            if (NAME.matcher(file).matches()) {
                return file;
            }
        } catch (IOException | RuntimeException e) {
            // not on this system
        }
        try {
            String host = InetAddress.getLocalHost().getHostName();
            return host == null || host.isBlank() ? "gatehouse-agent" : host;
        } catch (IOException e) {
            return "gatehouse-agent";
        }
    }

    private static byte[] json(Object value) {
        try {
            return FleetJson.MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    private static byte[] agentInfo(EnrollmentResponse response, String name, URI endpoint, Instant now) {
        ObjectNode info = FleetJson.MAPPER.createObjectNode();
        info.put("agentId", response.agentId());
        info.put("tenantId", response.tenantId());
        info.put("groupId", response.groupId());
        info.put("name", name);
        info.put("controlPlane", endpoint.resolve("/").toString());
        info.put("pulsarServiceUrl", response.pulsar().serviceUrl());
        info.put("enrolledAt", now.toString());
        return json(info);
    }

    /** Parses an enrollment answer; every member is required. */
    static EnrollmentResponse parseResponse(byte[] json) {
        EnrollmentResponse response;
        try {
            response = FleetJson.MAPPER.readValue(json, EnrollmentResponse.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // the exception's own message may quote the input, which holds the Pulsar token: give the place only
            throw new IllegalArgumentException(
                    "not an enrollment response (" + e.getClass().getSimpleName()
                            + (e.getLocation() == null
                                    ? ""
                                    : " at line " + e.getLocation().getLineNr() + ", column "
                                            + e.getLocation().getColumnNr())
                            + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "not an enrollment response (" + e.getClass().getSimpleName() + ")");
        }
        if (response == null) {
            throw new IllegalArgumentException("empty enrollment response");
        }
        require(response.agentId(), "agentId");
        require(response.tenantId(), "tenantId");
        require(response.groupId(), "groupId");
        require(response.trustSet(), "trustSet");
        if (response.trustSetChain() == null) {
            throw new IllegalArgumentException("trustSetChain: missing");
        }
        if (response.pulsar() == null) {
            throw new IllegalArgumentException("pulsar: missing");
        }
        require(response.pulsar().serviceUrl(), "pulsar.serviceUrl");
        require(response.pulsar().authToken(), "pulsar.authToken");
        return response;
    }

    /** Checks ids, the Pulsar URL, and pins the trust set (it must be signed by one of its own keys for the tenant). */
    static void validate(EnrollmentResponse response, Instant now) {
        matching(response.agentId(), "agentId");
        matching(response.groupId(), "groupId");
        new PulsarTopics(response.tenantId());
        if (!PULSAR_URL.matcher(response.pulsar().serviceUrl()).matches()) {
            throw new IllegalArgumentException("pulsar.serviceUrl: '"
                    + response.pulsar().serviceUrl() + "' (expected pulsar://host:port or pulsar+ssl://host:port)");
        }
        try {
            TrustSetUpdate.verifyPinned(response.trustSet(), response.tenantId(), now);
        } catch (TrustSetRejectedException e) {
            throw new IllegalArgumentException("trustSet: " + e.getMessage(), e);
        }
        List<String> chain = response.trustSetChain().chain();
        if (!chain.getLast().equals(response.trustSet())) {
            throw new IllegalArgumentException("trustSetChain: its last version is not the trustSet handed out");
        }
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + ": missing");
        }
    }

    private static void matching(String value, String field) {
        if (!ID.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    field + ": not an id (expected 1-128 of [A-Za-z0-9._:@-], starting alphanumeric)");
        }
    }
}
