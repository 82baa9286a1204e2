package io.gatehouse.protocol.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * RFC 9457 problem details ({@code application/problem+json}) with Gatehouse extensions: a stable
 * UPPER_SNAKE {@code code}, the {@code requestId} and field-level {@code errors}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        String code,
        String requestId,
        List<FieldError> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";
}
