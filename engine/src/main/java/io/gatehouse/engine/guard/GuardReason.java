package io.gatehouse.engine.guard;

/**
 * Stable reason keys of argument-guard verdicts. The names are part of the product's contract: they
 * appear unchanged in decisions, audit records, logs and metrics, and are documented in
 * {@code docs/argument-guards.md}. Add keys; never rename or reuse one.
 */
public enum GuardReason {
    /** The value passed every check. */
    ALLOWED,

    // ---- paths
    PATH_EMPTY,
    PATH_TOO_LONG,
    PATH_NUL_BYTE,
    PATH_CONTROL_CHARACTER,
    PATH_ENCODING,
    PATH_CONFUSABLE,
    PATH_TRAVERSAL,
    PATH_RELATIVE,
    PATH_DEVICE_OR_UNC,
    PATH_DRIVE,
    PATH_AMBIGUOUS,
    PATH_SYMLINK,
    PATH_OUTSIDE_ALLOWLIST,

    // ---- URLs
    URL_EMPTY,
    URL_TOO_LONG,
    URL_MALFORMED,
    URL_CONTROL_CHARACTER,
    URL_BACKSLASH,
    URL_SCHEME,
    URL_USERINFO,
    URL_PORT,
    URL_HOST_INVALID,
    URL_HOST_ENCODING,
    URL_IDN,
    URL_IP_NOTATION,
    URL_PRIVATE_ADDRESS,
    URL_METADATA_ADDRESS,
    URL_DOMAIN_DENIED,
    URL_DOMAIN_NOT_ALLOWED,
    URL_DNS_FAILURE,

    // ---- argument selection
    ARG_MISSING,
    ARG_NOT_STRING;

    /** The stable key, e.g. {@code PATH_TRAVERSAL}. */
    public String key() {
        return name();
    }
}
