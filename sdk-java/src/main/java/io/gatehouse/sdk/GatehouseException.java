package io.gatehouse.sdk;

import io.gatehouse.protocol.api.FieldError;
import io.gatehouse.protocol.api.Problem;
import java.util.List;

/**
 * A failed call. Carries the HTTP status (0 when no response arrived), the API's stable error
 * {@code code}, the {@code requestId} to quote when reporting it, and the problem details.
 */
public class GatehouseException extends RuntimeException {
    private final int status;
    private final String code;
    private final String requestId;
    private final transient Problem problem;

    public GatehouseException(
            String message, int status, String code, String requestId, Problem problem, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
        this.requestId = requestId;
        this.problem = problem;
    }

    static GatehouseException of(int status, Problem problem, String requestId) {
        String code = problem == null || problem.code() == null ? "HTTP_" + status : problem.code();
        String detail = problem == null || problem.detail() == null ? "HTTP " + status : problem.detail();
        String id = requestId != null ? requestId : problem == null ? null : problem.requestId();
        return switch (status) {
            case 400, 422 -> new InvalidRequestException(detail, status, code, id, problem);
            case 401 -> new AuthenticationException(detail, status, code, id, problem);
            case 403 -> new PermissionDeniedException(detail, status, code, id, problem);
            case 404 -> new NotFoundException(detail, status, code, id, problem);
            case 409 -> new ConflictException(detail, status, code, id, problem);
            case 412 -> new PreconditionFailedException(detail, status, code, id, problem);
            case 429 -> new RateLimitException(detail, status, code, id, problem);
            default -> new GatehouseException(detail, status, code, id, problem, null);
        };
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String requestId() {
        return requestId;
    }

    public Problem problem() {
        return problem;
    }

    /** Field-level errors of a validation failure; empty otherwise. */
    public List<FieldError> fieldErrors() {
        return problem == null || problem.errors() == null ? List.of() : problem.errors();
    }

    @Override
    public String getMessage() {
        return super.getMessage() + " (status " + status + ", code " + code + ", request " + requestId + ")";
    }
}
