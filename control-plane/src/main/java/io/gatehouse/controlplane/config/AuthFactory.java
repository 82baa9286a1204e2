package io.gatehouse.controlplane.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.concurrent.TimeUnit;

/**
 * Authentication settings.
 *
 * <table>
 *   <caption>keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>sessionTtl</td><td>12h</td><td>lifetime of a session token from sign-up or login</td></tr>
 *   <tr><td>argon2MemoryKib</td><td>19456</td><td>Argon2id memory cost (OWASP minimum)</td></tr>
 *   <tr><td>argon2Iterations</td><td>2</td><td>Argon2id time cost</td></tr>
 *   <tr><td>maxFailedLogins</td><td>5</td><td>failures before an account is locked</td></tr>
 *   <tr><td>lockout</td><td>1m</td><td>first lock; doubles with each further failure, up to 64x</td></tr>
 *   <tr><td>loginsPerAddressPerMinute</td><td>20</td><td>login/sign-up attempts per client address</td></tr>
 *   <tr><td>invitationTtl</td><td>7d</td><td>lifetime of an invitation</td></tr>
 * </table>
 */
public final class AuthFactory {
    @MinDuration(value = 1, unit = TimeUnit.MINUTES)
    private Duration sessionTtl = Duration.hours(12);

    @Min(8192)
    @Max(1048576)
    private int argon2MemoryKib = 19456;

    @Min(1)
    @Max(10)
    private int argon2Iterations = 2;

    @Min(1)
    private int maxFailedLogins = 5;

    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    private Duration lockout = Duration.minutes(1);

    @Min(1)
    private int loginsPerAddressPerMinute = 20;

    @MinDuration(value = 1, unit = TimeUnit.MINUTES)
    private Duration invitationTtl = Duration.days(7);

    @JsonProperty
    public Duration getSessionTtl() {
        return sessionTtl;
    }

    @JsonProperty
    public void setSessionTtl(Duration sessionTtl) {
        this.sessionTtl = sessionTtl;
    }

    @JsonProperty
    public int getArgon2MemoryKib() {
        return argon2MemoryKib;
    }

    @JsonProperty
    public void setArgon2MemoryKib(int argon2MemoryKib) {
        this.argon2MemoryKib = argon2MemoryKib;
    }

    @JsonProperty
    public int getArgon2Iterations() {
        return argon2Iterations;
    }

    @JsonProperty
    public void setArgon2Iterations(int argon2Iterations) {
        this.argon2Iterations = argon2Iterations;
    }

    @JsonProperty
    public int getMaxFailedLogins() {
        return maxFailedLogins;
    }

    @JsonProperty
    public void setMaxFailedLogins(int maxFailedLogins) {
        this.maxFailedLogins = maxFailedLogins;
    }

    @JsonProperty
    public Duration getLockout() {
        return lockout;
    }

    @JsonProperty
    public void setLockout(Duration lockout) {
        this.lockout = lockout;
    }

    @JsonProperty
    public int getLoginsPerAddressPerMinute() {
        return loginsPerAddressPerMinute;
    }

    @JsonProperty
    public void setLoginsPerAddressPerMinute(int loginsPerAddressPerMinute) {
        this.loginsPerAddressPerMinute = loginsPerAddressPerMinute;
    }

    @JsonProperty
    public Duration getInvitationTtl() {
        return invitationTtl;
    }

    @JsonProperty
    public void setInvitationTtl(Duration invitationTtl) {
        this.invitationTtl = invitationTtl;
    }
}
