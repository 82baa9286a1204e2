package io.gatehouse.controlplane.api.errors;

import io.gatehouse.protocol.api.FieldError;
import java.util.List;
import java.util.Objects;

/**
 * A failure with a definite HTTP status and a stable UPPER_SNAKE {@code code}; rendered as RFC 9457
 * problem details by {@link ProblemExceptionMapper}. The detail never contains secrets.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final List<FieldError> errors;
    private final Long retryAfterSeconds;

    public ApiException(int status, String code, String detail) {
        this(status, code, detail, List.of(), null);
    }

    private ApiException(int status, String code, String detail, List<FieldError> errors, Long retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.code = Objects.requireNonNull(code, "code");
        this.errors = List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "NOT_FOUND", what + " not found");
    }

    public static ApiException validation(List<FieldError> errors) {
        return new ApiException(400, "VALIDATION_FAILED", "the request has invalid fields", errors, null);
    }

    public static ApiException badRequest(String code, String detail) {
        return new ApiException(400, code, detail);
    }

    public static ApiException conflict(String field, String message) {
        return new ApiException(409, "CONFLICT", field + ": " + message, List.of(new FieldError(field, message)), null);
    }

    public static ApiException preconditionFailed(long current) {
        return new ApiException(
                412, "PRECONDITION_FAILED", "If-Match does not match the current version (" + current + ")");
    }

    public static ApiException unauthorized(String code, String detail) {
        return new ApiException(401, code, detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, "FORBIDDEN", detail);
    }

    public static ApiException tooManyRequests(String code, String detail, long retryAfterSeconds) {
        return new ApiException(429, code, detail, List.of(), Math.max(1, retryAfterSeconds));
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
