package io.gatehouse.sdk;

import io.gatehouse.protocol.api.Problem;

/** If-Match did not match: someone else changed the resource (412). */
public final class PreconditionFailedException extends GatehouseException {
    PreconditionFailedException(String message, int status, String code, String requestId, Problem problem) {
        super(message, status, code, requestId, problem, null);
    }
}
