package io.gatehouse.controlplane.messaging;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few Pulsar admin REST calls tenancy needs, over the JDK HTTP client (no Jersey 2 next to Dropwizard's
 * Jersey 3). Every call is idempotent: "already exists" (409) counts as success.
 */
final class PulsarAdminRest {
    private static final Pattern FIRST_STRING = Pattern.compile("\"([^\"]+)\"");

    private final HttpClient http;
    private final URI base;
    private final String token;

    PulsarAdminRest(String adminUrl, String token) {
        this.base = URI.create(adminUrl.endsWith("/") ? adminUrl.substring(0, adminUrl.length() - 1) : adminUrl);
        this.token = token;
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The first cluster the broker knows. */
    String firstCluster() throws IOException {
        String body = call("GET", "/admin/v2/clusters", null);
        Matcher m = FIRST_STRING.matcher(body);
        if (!m.find()) {
            throw new IOException("Pulsar reports no cluster");
        }
        return m.group(1);
    }

    void createTenant(String tenant, String cluster) throws IOException {
        call("PUT", "/admin/v2/tenants/" + tenant, "{\"adminRoles\":[],\"allowedClusters\":[\"" + cluster + "\"]}");
    }

    void createNamespace(String namespace) throws IOException {
        call("PUT", "/admin/v2/namespaces/" + namespace, null);
    }

    void setRetention(String namespace, int minutes, int megabytes) throws IOException {
        call(
                "POST",
                "/admin/v2/namespaces/" + namespace + "/retention",
                "{\"retentionTimeInMinutes\":" + minutes + ",\"retentionSizeInMB\":" + megabytes + "}");
    }

    void setCompactionThreshold(String namespace, long bytes) throws IOException {
        call("PUT", "/admin/v2/namespaces/" + namespace + "/compactionThreshold", Long.toString(bytes));
    }

    /** Broker deduplication by producer name and sequence id (the audit shipper's exactly-once). */
    void enableDeduplication(String namespace) throws IOException {
        call("POST", "/admin/v2/namespaces/" + namespace + "/deduplication", "true");
    }

    void grant(String namespace, String role, String... actions) throws IOException {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < actions.length; i++) {
            json.append(i == 0 ? "" : ",").append('"').append(actions[i]).append('"');
        }
        call(
                "POST",
                "/admin/v2/namespaces/" + namespace + "/permissions/" + role,
                json.append(']').toString());
    }

    private String call(String method, String path, String json) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        request.header("Content-Type", "application/json");
        request.method(
                method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + method + " " + path, e);
        }
        int status = response.statusCode();
        if (status == 409 || (status >= 200 && status < 300)) {
            return Objects.requireNonNullElse(response.body(), "");
        }
        String body = response.body() == null ? "" : response.body();
        throw new IOException("Pulsar admin " + method + " " + path + ": HTTP " + status + " "
                + body.substring(0, Math.min(200, body.length())));
    }
}
