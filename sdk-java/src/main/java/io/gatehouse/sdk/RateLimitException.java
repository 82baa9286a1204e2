package io.gatehouse.sdk;

import io.gatehouse.protocol.api.Problem;

/** Too many requests (429); retried automatically up to the retry budget. */
public final class RateLimitException extends GatehouseException {
    RateLimitException(String message, int status, String code, String requestId, Problem problem) {
        super(message, status, code, requestId, problem, null);
    }
}
