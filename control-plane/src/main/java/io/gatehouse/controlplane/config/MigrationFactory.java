package io.gatehouse.controlplane.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * Flyway settings. Migrations run as the schema owner ({@code user}); {@code appRole} is the role
 * the application connects as, granted only row-level-secured access by the migrations.
 *
 * <table>
 *   <caption>keys</caption>
 *   <tr><th>key</th><th>default</th></tr>
 *   <tr><td>enabled</td><td>true</td></tr>
 *   <tr><td>url</td><td>the {@code database.url}</td></tr>
 *   <tr><td>user</td><td>gatehouse_owner</td></tr>
 *   <tr><td>password</td><td>empty</td></tr>
 *   <tr><td>appRole</td><td>gatehouse_app</td></tr>
 * </table>
 */
public final class MigrationFactory {
    private boolean enabled = true;
    private String url;

    @NotBlank
    private String user = "gatehouse_owner";

    private String password = "";

    @NotBlank
    @Pattern(regexp = "[a-z_][a-z0-9_]{0,62}", message = "must be a plain lower-case PostgreSQL role name")
    private String appRole = "gatehouse_app";

    @JsonProperty
    public boolean isEnabled() {
        return enabled;
    }

    @JsonProperty
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @JsonProperty
    public String getUrl() {
        return url;
    }

    @JsonProperty
    public void setUrl(String url) {
        this.url = url;
    }

    @JsonProperty
    public String getUser() {
        return user;
    }

    @JsonProperty
    public void setUser(String user) {
        this.user = user;
    }

    @JsonProperty
    public String getPassword() {
        return password;
    }

    @JsonProperty
    public void setPassword(String password) {
        this.password = password;
    }

    @JsonProperty
    public String getAppRole() {
        return appRole;
    }

    @JsonProperty
    public void setAppRole(String appRole) {
        this.appRole = appRole;
    }
}
