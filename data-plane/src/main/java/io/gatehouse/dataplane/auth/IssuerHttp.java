package io.gatehouse.dataplane.auth;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The one HTTP client of a token verifier, for discovery documents and introspection: explicit
 * connect and response timeouts, no redirects, bounded response size, JSON objects only.
 */
final class IssuerHttp implements AutoCloseable {

    static final int MAX_RESPONSE_BYTES = 256 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private final HttpClient client;
    private final Duration readTimeout;

    IssuerHttp(Duration connectTimeout, Duration readTimeout) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.readTimeout = readTimeout;
    }

    /** GETs a JSON object; any failure (I/O, timeout, non-200, not JSON) is an IOException. */
    Map<String, Object> getJson(URI uri) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(readTimeout)
                .header("Accept", "application/json")
                .GET()
                .build();
        return send(request, uri);
    }

    /** POSTs a form and reads a JSON object; any failure is an IOException. */
    Map<String, Object> postForm(URI uri, String authorization, String formBody) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(readTimeout)
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(formBody))
                .build();
        return send(request, uri);
    }

    private Map<String, Object> send(HttpRequest request, URI uri) throws IOException {
        HttpResponse<java.io.InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling " + uri, e);
        }
        try (java.io.InputStream body = response.body()) {
            byte[] bytes = body.readNBytes(MAX_RESPONSE_BYTES + 1);
            if (response.statusCode() != 200) {
                throw new IOException(uri + " answered HTTP " + response.statusCode());
            }
            if (bytes.length > MAX_RESPONSE_BYTES) {
                throw new IOException(uri + " answered more than " + MAX_RESPONSE_BYTES + " bytes");
            }
            try {
                Map<String, Object> json = JSON.readValue(bytes, OBJECT);
                if (json == null) {
                    throw new IOException(uri + " answered null instead of a JSON object");
                }
                return json;
            } catch (com.fasterxml.jackson.core.JacksonException e) {
                throw new IOException(uri + " answered something that is not a JSON object");
            }
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
