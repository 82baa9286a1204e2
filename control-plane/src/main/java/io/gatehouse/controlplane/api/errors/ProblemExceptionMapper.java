package io.gatehouse.controlplane.api.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.gatehouse.protocol.api.FieldError;
import io.gatehouse.protocol.api.Problem;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.hibernate.StaleStateException;
import org.hibernate.exception.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place failures become RFC 9457 problem details. Known failures keep their status and
 * code; database conflicts become 409/412; anything else is a 500 that is logged once here, with the
 * request id, and tells the client nothing but that id.
 */
public final class ProblemExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemExceptionMapper.class);

    @Context
    private UriInfo uriInfo;

    @Override
    public Response toResponse(Throwable failure) {
        ApiException api = classify(failure);
        if (api == null) {
            LOG.error("unhandled failure (requestId={})", RequestIdFilter.current(), failure);
            api = new ApiException(500, "INTERNAL", "internal error; quote the request id when reporting it");
        }
        return render(api, instance());
    }

    public static Response render(ApiException api, String instance) {
        Problem problem = new Problem(
                "https://gatehouse.io/problems/"
                        + api.code().toLowerCase(Locale.ROOT).replace('_', '-'),
                title(api.status()),
                api.status(),
                api.getMessage(),
                instance,
                api.code(),
                RequestIdFilter.current(),
                api.errors().isEmpty() ? null : api.errors());
        Response.ResponseBuilder response =
                Response.status(api.status()).type(Problem.MEDIA_TYPE).entity(problem);
        if (api.retryAfterSeconds() != null) {
            response.header("Retry-After", api.retryAfterSeconds());
        }
        if (api.status() == 401) {
            response.header("WWW-Authenticate", "Bearer realm=\"gatehouse\"");
        }
        return response.build();
    }

    private String instance() {
        try {
            return uriInfo == null ? null : "/" + uriInfo.getPath();
        } catch (RuntimeException e) {
            return null;
        }
    }

    static ApiException classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ApiException api) {
                return api;
            }
            if (t instanceof JsonProcessingException json) {
                return fromJson(json);
            }
            if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
                return new ApiException(
                        412, "PRECONDITION_FAILED", "the resource was changed concurrently; fetch it and retry");
            }
            if (t instanceof ConstraintViolationException violation) {
                return fromConstraint(violation.getConstraintName());
            }
            if (t instanceof WebApplicationException web) {
                return fromWeb(web);
            }
        }
        return null;
    }

    private static ApiException fromWeb(WebApplicationException web) {
        int status = web.getResponse().getStatus();
        return switch (status) {
            case 404 -> new ApiException(404, "NOT_FOUND", "no such endpoint");
            case 405 -> new ApiException(405, "METHOD_NOT_ALLOWED", "method not allowed on this endpoint");
            case 406 -> new ApiException(406, "NOT_ACCEPTABLE", "this endpoint produces application/json");
            case 415 -> new ApiException(415, "UNSUPPORTED_MEDIA_TYPE", "send Content-Type: application/json");
            default ->
                status >= 500 ? null : new ApiException(status, "BAD_REQUEST", "the request could not be processed");
        };
    }

    private static ApiException fromJson(JsonProcessingException json) {
        if (json instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = path(mapping.getPath());
            String message;
            if (mapping instanceof UnrecognizedPropertyException) {
                message = "is not a known property";
            } else if (mapping instanceof InvalidFormatException format
                    && format.getTargetType() != null
                    && format.getTargetType().isEnum()) {
                message = "'" + Validation.clip(String.valueOf(format.getValue())) + "' is invalid (expected one of: "
                        + Arrays.stream(format.getTargetType().getEnumConstants())
                                .map(Object::toString)
                                .collect(Collectors.joining(", "))
                        + ")";
            } else {
                message = "has the wrong type";
            }
            return ApiException.validation(List.of(new FieldError(field, message)));
        }
        return ApiException.badRequest("MALFORMED_JSON", "the request body is not valid JSON");
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** Constraint names follow {@code uq_<table>_<field>} / {@code fk_<table>_<field>}. */
    private static ApiException fromConstraint(String constraint) {
        String name = constraint == null ? "" : constraint.toLowerCase(Locale.ROOT);
        String[][] known = {
            {"uq_users_email", "email", "is already registered"},
            {"uq_servers_slug", "slug", "is already in use"},
            {"uq_scopes_name", "name", "is already in use"},
            {"uq_tool_bindings_tool_pattern", "toolPattern", "already has a binding on this server"},
            {"uq_identity_providers_issuer", "issuer", "is already configured"},
            {"uq_memberships_user", "email", "is already a member"},
            {"fk_tool_bindings_server", "serverId", "no such server"},
            {"fk_rate_limits_server", "serverId", "no such server"},
            {"fk_kill_switches_server", "serverId", "no such server"},
            {"fk_enrollment_tokens_group", "groupId", "no such data-plane group"},
        };
        if (name.equals("idempotency_keys_pkey")) {
            return new ApiException(
                    409,
                    "IDEMPOTENCY_IN_PROGRESS",
                    "another request with this Idempotency-Key was in flight; retry to get its response");
        }
        for (String[] k : known) {
            if (name.equals(k[0])) {
                return ApiException.conflict(k[1], k[2]);
            }
        }
        if (name.endsWith("_name")) {
            return ApiException.conflict("name", "is already in use");
        }
        return new ApiException(409, "CONFLICT", "the change conflicts with existing data");
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 409 -> "Conflict";
            case 412 -> "Precondition Failed";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 428 -> "Precondition Required";
            case 429 -> "Too Many Requests";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }
}
