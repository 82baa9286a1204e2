package io.gatehouse.controlplane.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.concurrent.TimeUnit;

/**
 * Bundle compilation and signing ({@code bundles:} in {@code config.yml}).
 *
 * <table>
 *   <caption>keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>masterKey</td><td>none</td><td>base64 32-byte AES key sealing the tenants' signing keys
 *       ({@code GATEHOUSE_MASTER_KEY}); without it no bundle is compiled and changes wait in the outbox</td></tr>
 *   <tr><td>masterKeyId</td><td>mk1</td><td>id written into every sealed key, so master keys can rotate</td></tr>
 *   <tr><td>previousMasterKey / previousMasterKeyId</td><td>none</td><td>an older master key that can still
 *       open sealed keys (rotation)</td></tr>
 *   <tr><td>debounce</td><td>50ms</td><td>changes within this window publish as one bundle (kill switches skip it)</td></tr>
 *   <tr><td>expiry</td><td>30d</td><td>bundle {@code exp}; agents reject older bundles as new</td></tr>
 *   <tr><td>keyPropagationWindow</td><td>10m</td><td>a new signing key is published this long before it signs,
 *       and the old one is retired this long after</td></tr>
 *   <tr><td>defaultPublicBaseUrl</td><td>http://localhost:9090</td><td>resource URI base of groups without their own</td></tr>
 *   <tr><td>issuer</td><td>gatehouse-control-plane</td><td>{@code iss} of every bundle</td></tr>
 *   <tr><td>offlineAfter</td><td>90s</td><td>an agent silent for this long shows as offline</td></tr>
 * </table>
 */
public final class BundlesFactory {
    @JsonProperty
    private String masterKey;

    @JsonProperty
    @NotBlank
    @Pattern(regexp = "[A-Za-z0-9._-]{1,64}")
    private String masterKeyId = "mk1";

    @JsonProperty
    private String previousMasterKey;

    @JsonProperty
    @Pattern(regexp = "[A-Za-z0-9._-]{1,64}")
    private String previousMasterKeyId;

    @JsonProperty
    @NotNull
    private Duration debounce = Duration.milliseconds(50);

    @JsonProperty
    @MinDuration(value = 1, unit = TimeUnit.MINUTES)
    private Duration expiry = Duration.days(30);

    @JsonProperty
    @NotNull
    private Duration keyPropagationWindow = Duration.minutes(10);

    @JsonProperty
    @NotBlank
    private String defaultPublicBaseUrl = "http://localhost:9090";

    @JsonProperty
    @NotBlank
    @Pattern(regexp = "[A-Za-z0-9._:/-]{1,128}")
    private String issuer = "gatehouse-control-plane";

    @JsonProperty
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    private Duration offlineAfter = Duration.seconds(90);

    /** The base64 master key, or null when bundles are not configured (blank counts as absent). */
    public String getMasterKey() {
        return masterKey == null || masterKey.isBlank() ? null : masterKey;
    }

    public String getMasterKeyId() {
        return masterKeyId;
    }

    public String getPreviousMasterKey() {
        return previousMasterKey == null || previousMasterKey.isBlank() ? null : previousMasterKey;
    }

    public String getPreviousMasterKeyId() {
        return previousMasterKeyId;
    }

    public java.time.Duration getDebounce() {
        return java.time.Duration.ofMillis(debounce.toMilliseconds());
    }

    public java.time.Duration getExpiry() {
        return java.time.Duration.ofMillis(expiry.toMilliseconds());
    }

    public java.time.Duration getKeyPropagationWindow() {
        return java.time.Duration.ofMillis(keyPropagationWindow.toMilliseconds());
    }

    public String getDefaultPublicBaseUrl() {
        return defaultPublicBaseUrl;
    }

    public String getIssuer() {
        return issuer;
    }

    public java.time.Duration getOfflineAfter() {
        return java.time.Duration.ofMillis(offlineAfter.toMilliseconds());
    }
}
