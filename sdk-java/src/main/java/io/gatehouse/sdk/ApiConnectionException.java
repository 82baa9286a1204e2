package io.gatehouse.sdk;

/** No response: the connection failed or timed out (after the retries for idempotent calls). */
public final class ApiConnectionException extends GatehouseException {
    ApiConnectionException(String message, Throwable cause) {
        super(message, 0, "CONNECTION_FAILED", null, null, cause);
    }
}
