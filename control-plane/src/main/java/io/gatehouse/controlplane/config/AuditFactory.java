package io.gatehouse.controlplane.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;

/**
 * Audit ingest, storage and alert delivery ({@code audit:} in config.yml).
 *
 * <table>
 *   <caption>keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>pulsarServiceUrl</td><td>none</td><td>{@code pulsar://host:port}; none = no ingest (query and
 *       alerts still work)</td></tr>
 *   <tr><td>pulsarToken</td><td>none</td><td>the control plane's Pulsar token (use ${ENV} substitution)</td></tr>
 *   <tr><td>subscription</td><td>gatehouse-audit-ingest</td><td>the Key_Shared subscription all replicas share</td></tr>
 *   <tr><td>tenantRefresh</td><td>30s</td><td>how often new tenants' audit topics are subscribed</td></tr>
 *   <tr><td>retentionDays</td><td>90</td><td>default retention; a tenant may set its own</td></tr>
 *   <tr><td>partitionsAhead</td><td>7</td><td>day partitions created ahead of time</td></tr>
 *   <tr><td>maintenanceInterval</td><td>1h</td><td>partition creation and retention run this often</td></tr>
 *   <tr><td>denySpikePerMinute</td><td>100</td><td>denials per tenant per minute that raise DENY_SPIKE (0 = off)</td></tr>
 *   <tr><td>alertRetryBackoff</td><td>1s</td><td>first retry delay of a failed webhook delivery (doubles)</td></tr>
 *   <tr><td>alertMaxAttempts</td><td>6</td><td>delivery attempts per webhook and alert</td></tr>
 * </table>
 */
public final class AuditFactory {
    private String pulsarServiceUrl;
    private String pulsarToken;

    @NotEmpty
    private String subscription = "gatehouse-audit-ingest";

    private Duration tenantRefresh = Duration.seconds(30);

    @Min(1)
    @Max(3650)
    private int retentionDays = 90;

    @Min(1)
    @Max(60)
    private int partitionsAhead = 7;

    private Duration maintenanceInterval = Duration.hours(1);

    @Min(0)
    private int denySpikePerMinute = 100;

    private Duration alertRetryBackoff = Duration.seconds(1);

    @Min(1)
    @Max(20)
    private int alertMaxAttempts = 6;

    @JsonProperty
    public String getPulsarServiceUrl() {
        return pulsarServiceUrl;
    }

    @JsonProperty
    public void setPulsarServiceUrl(String pulsarServiceUrl) {
        this.pulsarServiceUrl = pulsarServiceUrl == null || pulsarServiceUrl.isBlank() ? null : pulsarServiceUrl;
    }

    @JsonProperty
    public String getPulsarToken() {
        return pulsarToken;
    }

    @JsonProperty
    public void setPulsarToken(String pulsarToken) {
        this.pulsarToken = pulsarToken == null || pulsarToken.isBlank() ? null : pulsarToken;
    }

    @JsonProperty
    public String getSubscription() {
        return subscription;
    }

    @JsonProperty
    public void setSubscription(String subscription) {
        this.subscription = subscription;
    }

    @JsonProperty
    public Duration getTenantRefresh() {
        return tenantRefresh;
    }

    @JsonProperty
    public void setTenantRefresh(Duration tenantRefresh) {
        this.tenantRefresh = tenantRefresh;
    }

    @JsonProperty
    public int getRetentionDays() {
        return retentionDays;
    }

    @JsonProperty
    public void setRetentionDays(int retentionDays) {
        this.retentionDays = retentionDays;
    }

    @JsonProperty
    public int getPartitionsAhead() {
        return partitionsAhead;
    }

    @JsonProperty
    public void setPartitionsAhead(int partitionsAhead) {
        this.partitionsAhead = partitionsAhead;
    }

    @JsonProperty
    public Duration getMaintenanceInterval() {
        return maintenanceInterval;
    }

    @JsonProperty
    public void setMaintenanceInterval(Duration maintenanceInterval) {
        this.maintenanceInterval = maintenanceInterval;
    }

    @JsonProperty
    public int getDenySpikePerMinute() {
        return denySpikePerMinute;
    }

    @JsonProperty
    public void setDenySpikePerMinute(int denySpikePerMinute) {
        this.denySpikePerMinute = denySpikePerMinute;
    }

    @JsonProperty
    public Duration getAlertRetryBackoff() {
        return alertRetryBackoff;
    }

    @JsonProperty
    public void setAlertRetryBackoff(Duration alertRetryBackoff) {
        this.alertRetryBackoff = alertRetryBackoff;
    }

    @JsonProperty
    public int getAlertMaxAttempts() {
        return alertMaxAttempts;
    }

    @JsonProperty
    public void setAlertMaxAttempts(int alertMaxAttempts) {
        this.alertMaxAttempts = alertMaxAttempts;
    }
}
