package io.gatehouse.controlplane.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * Pulsar ({@code pulsar:} in {@code config.yml}). Optional: with an empty {@code serviceUrl} the control plane
 * still compiles and signs bundles, but they wait (unpublished) until Pulsar is configured; enrollment answers 503.
 *
 * <table>
 *   <caption>keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>serviceUrl</td><td>none</td><td>{@code pulsar://host:6650} the control plane connects to
 *       ({@code GATEHOUSE_PULSAR_URL})</td></tr>
 *   <tr><td>adminUrl</td><td>none</td><td>{@code http://host:8080}, the broker's admin REST API
 *       ({@code GATEHOUSE_PULSAR_ADMIN_URL})</td></tr>
 *   <tr><td>superUserToken</td><td>none</td><td>a token of a Pulsar super-user role; empty when the broker has no
 *       authentication ({@code GATEHOUSE_PULSAR_TOKEN})</td></tr>
 *   <tr><td>tokenSecretKey</td><td>none</td><td>base64 HS256 secret key of the broker's token authentication, to mint
 *       agent tokens ({@code GATEHOUSE_PULSAR_TOKEN_SECRET_KEY}); empty: agents get no token</td></tr>
 *   <tr><td>advertisedServiceUrl</td><td>serviceUrl</td><td>what enrolled agents are told to connect to
 *       ({@code GATEHOUSE_PULSAR_ADVERTISED_URL})</td></tr>
 *   <tr><td>cluster</td><td>the broker's first cluster</td><td>cluster new Pulsar tenants are allowed on</td></tr>
 *   <tr><td>agentTokenTtl</td><td>365d</td><td>lifetime of minted agent tokens</td></tr>
 *   <tr><td>sendTimeout</td><td>10s</td><td>how long the relay waits for a broker acknowledgement</td></tr>
 * </table>
 */
public final class PulsarFactory {
    @JsonProperty
    private String serviceUrl;

    @JsonProperty
    private String adminUrl;

    @JsonProperty
    private String superUserToken;

    @JsonProperty
    private String tokenSecretKey;

    @JsonProperty
    private String advertisedServiceUrl;

    @JsonProperty
    private String cluster;

    @JsonProperty
    @MinDuration(value = 1, unit = TimeUnit.MINUTES)
    private Duration agentTokenTtl = Duration.days(365);

    @JsonProperty
    @NotNull
    @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
    private Duration sendTimeout = Duration.seconds(10);

    /** Whether Pulsar is configured at all (a service URL is set). */
    public boolean isEnabled() {
        return blankToNull(serviceUrl) != null;
    }

    public String getServiceUrl() {
        return blankToNull(serviceUrl);
    }

    public String getAdminUrl() {
        return blankToNull(adminUrl);
    }

    public String getSuperUserToken() {
        return blankToNull(superUserToken);
    }

    public String getTokenSecretKey() {
        return blankToNull(tokenSecretKey);
    }

    public String getAdvertisedServiceUrl() {
        String advertised = blankToNull(advertisedServiceUrl);
        return advertised == null ? getServiceUrl() : advertised;
    }

    public String getCluster() {
        return blankToNull(cluster);
    }

    public java.time.Duration getAgentTokenTtl() {
        return java.time.Duration.ofMillis(agentTokenTtl.toMilliseconds());
    }

    public java.time.Duration getSendTimeout() {
        return java.time.Duration.ofMillis(sendTimeout.toMilliseconds());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
