package io.gatehouse.dataplane.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.dataplane.auth.SecretReferenceException;
import io.gatehouse.dataplane.auth.SecretResolver;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Calls one OAuth token endpoint with {@code client_secret_basic}. Errors name the endpoint, the HTTP
 * status and the OAuth error code, never a token or secret.
 */
final class TokenEndpointClient {

    /** A token from the endpoint. {@code toString} hides the value. */
    record IssuedToken(String value, Instant expiresAt) {
        @Override
        public String toString() {
            return "IssuedToken[expiresAt=" + expiresAt + "]";
        }
    }

    private static final int MAX_RESPONSE_BYTES = 64 * 1024;
    private static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI tokenUri;
    private final String clientId;
    private final String clientSecretRef;
    private final UpstreamCredentialOptions options;

    TokenEndpointClient(
            HttpClient http, URI tokenUri, String clientId, String clientSecretRef, UpstreamCredentialOptions options) {
        this.http = http;
        this.tokenUri = tokenUri;
        this.clientId = clientId;
        this.clientSecretRef = clientSecretRef;
        this.options = options;
    }

    URI tokenUri() {
        return tokenUri;
    }

    IssuedToken request(Map<String, String> parameters, String expectedIssuedType) throws UpstreamCredentialException {
        SecretResolver secrets = options.secretResolver();
        String secret;
        try {
            secret = secrets.resolve(clientSecretRef);
        } catch (SecretReferenceException e) {
            throw new UpstreamCredentialException("client secret for " + tokenUri + ": " + e.getMessage());
        }
        StringJoiner form = new StringJoiner("&");
        parameters.forEach((name, value) -> {
            if (value != null && !value.isEmpty()) {
                form.add(encode(name) + "=" + encode(value));
            }
        });
        String basic = Base64.getEncoder()
                .encodeToString((encode(clientId) + ":" + encode(secret)).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(tokenUri)
                .timeout(options.readTimeout())
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
                .build();
        Instant sentAt = options.clock().instant();
        JsonNode body;
        int status;
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            status = response.statusCode();
            try (InputStream in = response.body()) {
                byte[] bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
                if (bytes.length > MAX_RESPONSE_BYTES) {
                    throw new UpstreamCredentialException("token endpoint " + tokenUri + " answered too many bytes");
                }
                body = parse(bytes);
            }
        } catch (IOException e) {
            throw new UpstreamCredentialException(
                    "token endpoint " + tokenUri + " unreachable ("
                            + e.getClass().getSimpleName() + ")",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamCredentialException("interrupted while calling token endpoint " + tokenUri, e);
        }
        if (status != 200) {
            String error = body != null && body.path("error").isTextual()
                    ? body.get("error").asText()
                    : "no error code";
            throw new UpstreamCredentialException(
                    "token endpoint " + tokenUri + " answered HTTP " + status + " (" + printable(error) + ")");
        }
        if (body == null
                || !body.path("access_token").isTextual()
                || body.get("access_token").asText().isEmpty()) {
            throw new UpstreamCredentialException("token endpoint " + tokenUri + " answered without an access_token");
        }
        String value = body.get("access_token").asText();
        if (value.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new UpstreamCredentialException(
                    "token endpoint " + tokenUri + " issued a token that is not header-safe");
        }
        String tokenType = body.path("token_type").asText("");
        if (UpstreamAuthSettings.ACCESS_TOKEN_TYPE.equals(expectedIssuedType)
                && !"bearer".equalsIgnoreCase(tokenType)) {
            throw new UpstreamCredentialException("token endpoint " + tokenUri + " issued token_type '"
                    + printable(tokenType) + "' (expected: Bearer)");
        }
        if (expectedIssuedType != null
                && body.has("issued_token_type")
                && !expectedIssuedType.equals(body.get("issued_token_type").asText())) {
            throw new UpstreamCredentialException(
                    "token endpoint " + tokenUri + " issued another token type than " + expectedIssuedType);
        }
        Duration lifetime = body.path("expires_in").canConvertToLong()
                        && body.get("expires_in").asLong() > 0
                ? Duration.ofSeconds(body.get("expires_in").asLong())
                : DEFAULT_LIFETIME;
        return new IssuedToken(value, sentAt.plus(lifetime));
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            JsonNode node = JSON.readTree(bytes);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String printable(String value) {
        String clean = value.replaceAll("[^A-Za-z0-9_.:+/-]", "?");
        return clean.length() > 40 ? clean.substring(0, 40) : clean;
    }
}
