package io.gatehouse.sdk;

import io.gatehouse.protocol.api.Problem;

/** The request was invalid (400 or 422); see fieldErrors(). */
public final class InvalidRequestException extends GatehouseException {
    InvalidRequestException(String message, int status, String code, String requestId, Problem problem) {
        super(message, status, code, requestId, problem, null);
    }
}
