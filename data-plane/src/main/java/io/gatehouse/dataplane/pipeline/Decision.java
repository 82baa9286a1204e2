package io.gatehouse.dataplane.pipeline;

/** The outcome of one request as audit and metrics report it. */
public enum Decision {
    ALLOW,
    DENY,
    ERROR;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
