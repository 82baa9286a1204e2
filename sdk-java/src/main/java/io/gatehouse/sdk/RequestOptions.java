package io.gatehouse.sdk;

/**
 * Per-call options: an explicit {@code Idempotency-Key} for a POST (one is generated otherwise), the
 * {@code If-Match} version for an update or delete, and the retry budget.
 */
public record RequestOptions(String idempotencyKey, Long ifMatch, Integer maxRetries) {
    public static final RequestOptions NONE = new RequestOptions(null, null, null);

    public static RequestOptions ifMatch(long version) {
        return new RequestOptions(null, version, null);
    }

    public static RequestOptions idempotencyKey(String key) {
        return new RequestOptions(key, null, null);
    }

    public RequestOptions withMaxRetries(int retries) {
        return new RequestOptions(idempotencyKey, ifMatch, retries);
    }
}
