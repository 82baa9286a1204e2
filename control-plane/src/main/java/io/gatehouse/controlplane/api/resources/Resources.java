package io.gatehouse.controlplane.api.resources;

import io.gatehouse.controlplane.api.errors.ApiException;

/** Small shared checks of the resource classes. */
final class Resources {
    private Resources() {}

    static <T> T body(T request) {
        if (request == null) {
            throw ApiException.badRequest("MISSING_BODY", "a JSON request body is required");
        }
        return request;
    }
}
