package io.gatehouse.e2e.audit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The few Pulsar admin calls the audit tests need, over the broker's admin REST API (this module has no
 * pulsar-client-admin implementation on its classpath).
 */
final class PulsarRest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    PulsarRest(String webServiceUrl) {
        this.base = webServiceUrl.replaceAll("/+$", "");
    }

    /** Tenant on the devstack cluster, namespace {@code tenant/ns}, deduplication on. */
    void createNamespaceWithDeduplication(String tenant, String namespace) throws Exception {
        call("PUT", "/admin/v2/tenants/" + tenant, "{\"allowedClusters\":[\"devstack\"],\"adminRoles\":[]}");
        call("PUT", "/admin/v2/namespaces/" + tenant + "/" + namespace, "{}");
        call("POST", "/admin/v2/namespaces/" + tenant + "/" + namespace + "/deduplication", "true");
    }

    private void call(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(
                    method + " " + path + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }
}
