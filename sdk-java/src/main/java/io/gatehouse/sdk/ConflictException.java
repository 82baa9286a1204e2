package io.gatehouse.sdk;

import io.gatehouse.protocol.api.Problem;

/** The change conflicts with existing data (409). */
public final class ConflictException extends GatehouseException {
    ConflictException(String message, int status, String code, String requestId, Problem problem) {
        super(message, status, code, requestId, problem, null);
    }
}
