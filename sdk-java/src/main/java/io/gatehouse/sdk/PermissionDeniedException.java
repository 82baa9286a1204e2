package io.gatehouse.sdk;

import io.gatehouse.protocol.api.Problem;

/** The caller's role does not allow this (403). */
public final class PermissionDeniedException extends GatehouseException {
    PermissionDeniedException(String message, int status, String code, String requestId, Problem problem) {
        super(message, status, code, requestId, problem, null);
    }
}
