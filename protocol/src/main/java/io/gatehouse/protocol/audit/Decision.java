package io.gatehouse.protocol.audit;

/** The outcome the data plane recorded for one call. */
public enum Decision {
    /** Forwarded upstream. */
    ALLOW,
    /** Refused by the gateway. */
    DENY,
    /** A rule in shadow (log-only) mode would have denied; the call was forwarded. */
    SHADOW_DENY
}
