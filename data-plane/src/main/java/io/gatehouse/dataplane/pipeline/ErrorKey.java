package io.gatehouse.dataplane.pipeline;

/**
 * Every way the proxy refuses or fails a request: a stable key (identical in responses, logs,
 * metrics and audit), its HTTP status, its JSON-RPC error code and whether it is a policy denial or
 * an error. Gateway-specific codes are {@code -31000 - status}, outside the JSON-RPC reserved range.
 */
public enum ErrorKey {
    NOT_READY(503, Kind.ERROR),
    ROUTE_NOT_FOUND(404, Kind.DENY),
    ROUTE_DISABLED(503, Kind.DENY),
    METHOD_NOT_ALLOWED(405, Kind.DENY),
    HOST_NOT_ALLOWED(403, Kind.DENY),
    ORIGIN_NOT_ALLOWED(403, Kind.DENY),
    UNSUPPORTED_MEDIA_TYPE(415, Kind.DENY),
    NOT_ACCEPTABLE(406, Kind.DENY),
    BODY_TOO_LARGE(413, Kind.DENY),
    UNSUPPORTED_PROTOCOL_VERSION(400, Kind.DENY, -32022),
    TOKEN_IN_QUERY(400, Kind.DENY),
    UNAUTHENTICATED(401, Kind.DENY),
    INSUFFICIENT_SCOPE(403, Kind.DENY),
    TOOL_NOT_PERMITTED(403, Kind.DENY),
    KILL_SWITCH_ENGAGED(403, Kind.DENY),
    POLICY_DENIED(403, Kind.DENY),
    ARGUMENT_DENIED(403, Kind.DENY),
    RATE_LIMITED(429, Kind.DENY),
    RATE_LIMIT_BACKEND_UNAVAILABLE(503, Kind.DENY),
    PARSE_ERROR(400, Kind.DENY, -32700),
    JSON_TOO_DEEP(400, Kind.DENY, -32600),
    BATCH_NOT_SUPPORTED(400, Kind.DENY, -32600),
    MULTIPLE_MESSAGES(400, Kind.DENY, -32600),
    INVALID_REQUEST(400, Kind.DENY, -32600),
    INVALID_PARAMS(400, Kind.DENY, -32602),
    HEADER_MISMATCH(400, Kind.DENY, -32020),
    SESSION_REQUIRED(400, Kind.DENY),
    SESSION_NOT_FOUND(404, Kind.DENY),
    TOO_MANY_SESSIONS(503, Kind.ERROR),
    UPSTREAM_CREDENTIAL_UNAVAILABLE(502, Kind.ERROR),
    UPSTREAM_UNAVAILABLE(502, Kind.ERROR),
    UPSTREAM_TIMEOUT(504, Kind.ERROR),
    UPSTREAM_AUTH_FAILED(502, Kind.ERROR),
    UPSTREAM_PROTOCOL_ERROR(502, Kind.ERROR),
    // tool supply chain and DLP (issue #7)
    SERVER_NOT_APPROVED(403, Kind.DENY),
    SERVER_BLOCKED(403, Kind.DENY),
    TOOL_PINS_STALE(409, Kind.DENY),
    TOOL_CHANGED_PENDING_APPROVAL(403, Kind.DENY),
    TOOL_NOT_APPROVED(403, Kind.DENY),
    TOOL_DUPLICATE_NAME(403, Kind.DENY),
    TOOL_NOT_LISTED(403, Kind.DENY),
    TOOL_POISONED(403, Kind.DENY),
    TOOL_RESULT_BLOCKED(403, Kind.DENY),
    REDACTION_BLOCKED(403, Kind.DENY),
    REDACTION_RULES_INVALID(500, Kind.ERROR),
    INTERNAL_ERROR(500, Kind.ERROR);

    /** A denial is the gateway enforcing a rule; an error is something that broke. */
    public enum Kind {
        DENY,
        ERROR
    }

    private final int status;
    private final Kind kind;
    private final int jsonRpcCode;

    ErrorKey(int status, Kind kind) {
        this(status, kind, -31000 - status);
    }

    ErrorKey(int status, Kind kind, int jsonRpcCode) {
        this.status = status;
        this.kind = kind;
        this.jsonRpcCode = jsonRpcCode;
    }

    public int status() {
        return status;
    }

    public Kind kind() {
        return kind;
    }

    public int jsonRpcCode() {
        return jsonRpcCode;
    }
}
