package io.gatehouse.sdk;

import io.gatehouse.protocol.api.Problem;

/** No such resource in the caller's tenant (404). */
public final class NotFoundException extends GatehouseException {
    NotFoundException(String message, int status, String code, String requestId, Problem problem) {
        super(message, status, code, requestId, problem, null);
    }
}
