package io.gatehouse.dataplane.mcp;

/** A POST body is not one acceptable JSON-RPC message; {@link #problem()} says which rule it broke. */
public final class JsonRpcDecodeException extends Exception {

    public enum Problem {
        PARSE_ERROR,
        JSON_TOO_DEEP,
        BATCH_NOT_SUPPORTED,
        MULTIPLE_MESSAGES,
        INVALID_REQUEST,
        INVALID_PARAMS
    }

    private final Problem problem;
    private final transient com.fasterxml.jackson.databind.JsonNode id;

    public JsonRpcDecodeException(Problem problem, String message, com.fasterxml.jackson.databind.JsonNode id) {
        super(message, null, false, false);
        this.problem = problem;
        this.id = id;
    }

    public Problem problem() {
        return problem;
    }

    /** The request id when it could be read, for the error response; else null. */
    public com.fasterxml.jackson.databind.JsonNode id() {
        return id;
    }
}
