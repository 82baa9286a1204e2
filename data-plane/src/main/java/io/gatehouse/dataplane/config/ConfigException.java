package io.gatehouse.dataplane.config;

/** The agent's configuration is unusable; the message names the field and what was wrong. */
public final class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
