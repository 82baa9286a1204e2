package io.gatehouse.sdk;

import io.gatehouse.protocol.api.ApiToken;
import io.gatehouse.protocol.api.ApiTokenRequest;
import io.gatehouse.protocol.api.DataPlaneGroup;
import io.gatehouse.protocol.api.DataPlaneGroupRequest;
import io.gatehouse.protocol.api.EnrollmentToken;
import io.gatehouse.protocol.api.EnrollmentTokenRequest;
import io.gatehouse.protocol.api.IdentityProvider;
import io.gatehouse.protocol.api.IdentityProviderRequest;
import io.gatehouse.protocol.api.Invitation;
import io.gatehouse.protocol.api.InvitationRequest;
import io.gatehouse.protocol.api.KillSwitch;
import io.gatehouse.protocol.api.KillSwitchRequest;
import io.gatehouse.protocol.api.RateLimit;
import io.gatehouse.protocol.api.RateLimitRequest;
import io.gatehouse.protocol.api.Scope;
import io.gatehouse.protocol.api.ScopeRequest;
import io.gatehouse.protocol.api.ToolBinding;
import io.gatehouse.protocol.api.ToolBindingRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;

/**
 * The Gatehouse REST client: one object, one service per collection.
 *
 * <pre>{@code
 * Gatehouse client = Gatehouse.builder().baseUrl("http://localhost:8080").token(apiToken).build();
 * Server server = client.servers().create(new ServerRequest("files", null, "https://mcp.internal/files",
 *         Transport.STREAMABLE_HTTP, null, null, null, null));
 * }</pre>
 *
 * Thread-safe; share one per process. Failures are {@link GatehouseException}s carrying the status,
 * the error code and the request id.
 */
public final class Gatehouse {
    private final HttpTransport transport;

    private Gatehouse(HttpTransport transport) {
        this.transport = transport;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The same connection settings with another bearer token (e.g. right after sign-up). */
    public Gatehouse withToken(String token) {
        return new Gatehouse(transport.withToken(token));
    }

    public AuthService auth() {
        return new AuthService(transport);
    }

    public UsersService users() {
        return new UsersService(transport);
    }

    public ResourceService<InvitationRequest, Invitation> invitations() {
        return new ResourceService<>(transport, "/api/v1/invitations", Invitation.class);
    }

    /** API tokens; {@code create(...).token()} is the secret, returned only once. */
    public ResourceService<ApiTokenRequest, ApiToken> tokens() {
        return new ResourceService<>(transport, "/api/v1/tokens", ApiToken.class);
    }

    public CrudService<IdentityProviderRequest, IdentityProvider> identityProviders() {
        return new CrudService<>(transport, "/api/v1/identity-providers", IdentityProvider.class);
    }

    /** The server registry, and each server's tools (discovered, pinned, diff, approval). */
    public ServersService servers() {
        return new ServersService(transport);
    }

    public CrudService<ScopeRequest, Scope> scopes() {
        return new CrudService<>(transport, "/api/v1/scopes", Scope.class);
    }

    public CrudService<ToolBindingRequest, ToolBinding> toolBindings() {
        return new CrudService<>(transport, "/api/v1/tool-bindings", ToolBinding.class);
    }

    /** Policies; {@code simulate(...)} answers "would this call pass, and why". */
    public PoliciesService policies() {
        return new PoliciesService(transport);
    }

    /** DLP rules, and {@code test(...)} against sample text with the data plane's engine. */
    public RedactionRulesService redactionRules() {
        return new RedactionRulesService(transport);
    }

    public CrudService<RateLimitRequest, RateLimit> rateLimits() {
        return new CrudService<>(transport, "/api/v1/rate-limits", RateLimit.class);
    }

    /** Kill switches; {@code delete(id)} lifts one. */
    public ResourceService<KillSwitchRequest, KillSwitch> killSwitches() {
        return new ResourceService<>(transport, "/api/v1/kill-switches", KillSwitch.class);
    }

    public CrudService<DataPlaneGroupRequest, DataPlaneGroup> dataPlaneGroups() {
        return new CrudService<>(transport, "/api/v1/data-plane-groups", DataPlaneGroup.class);
    }

    /** Enrollment tokens; {@code create(...).token()} is the secret, returned only once; delete revokes. */
    public ResourceService<EnrollmentTokenRequest, EnrollmentToken> enrollmentTokens() {
        return new ResourceService<>(transport, "/api/v1/enrollment-tokens", EnrollmentToken.class);
    }

    public ActivityService activity() {
        return new ActivityService(transport);
    }

    /** Bundle history, explicit publish and rollback. */
    public BundlesService bundles() {
        return new BundlesService(transport);
    }

    /** Enrolled data-plane agents (fleet view), revocation, and enrollment. */
    public DataPlanesService dataPlanes() {
        return new DataPlanesService(transport);
    }

    /** Bundle-signing keys and their rotation. */
    public SigningKeysService signingKeys() {
        return new SigningKeysService(transport);
    }

    /** Audit events, stats, streaming export and chain verification. */
    public AuditService audit() {
        return new AuditService(transport);
    }

    /** Alert webhooks and their deliveries. */
    public AlertsService alerts() {
        return new AlertsService(transport);
    }

    /** Connection settings; only {@code baseUrl} is required. */
    public static final class Builder {
        private URI baseUrl;
        private String token;
        private Duration timeout = Duration.ofSeconds(30);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private int maxRetries = 2;
        private HttpClient httpClient;

        private Builder() {}

        /** The server root, e.g. {@code http://localhost:8080} (paths add {@code /api/v1/...}). */
        public Builder baseUrl(String baseUrl) {
            URI uri = URI.create(Objects.requireNonNull(baseUrl, "baseUrl"));
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("baseUrl: '" + baseUrl + "' (expected: an absolute http(s) URL)");
            }
            this.baseUrl = uri;
            return this;
        }

        /** A session or API token. */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
            return this;
        }

        /** Retries of idempotent calls on connection failures, 429 and 502-504 (default 2). */
        public Builder maxRetries(int maxRetries) {
            if (maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries: " + maxRetries + " (expected: >= 0)");
            }
            this.maxRetries = maxRetries;
            return this;
        }

        /** A shared JDK HttpClient, e.g. with a proxy or TLS settings. */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        public Gatehouse build() {
            if (baseUrl == null) {
                throw new IllegalStateException("baseUrl is required");
            }
            HttpClient client = httpClient != null
                    ? httpClient
                    : HttpClient.newBuilder()
                            .connectTimeout(connectTimeout)
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .build();
            return new Gatehouse(new HttpTransport(client, baseUrl, token, timeout, maxRetries));
        }
    }
}
