package io.gatehouse.sdk;

import io.gatehouse.protocol.api.Problem;

/** The credential is missing, unknown, expired or revoked (401). */
public final class AuthenticationException extends GatehouseException {
    AuthenticationException(String message, int status, String code, String requestId, Problem problem) {
        super(message, status, code, requestId, problem, null);
    }
}
