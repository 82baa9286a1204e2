package io.gatehouse.protocol.api;

import java.time.Instant;
import java.util.List;

/**
 * A webhook that receives alerts. {@code secret} (the HMAC key) is returned only by the create call.
 *
 * @param events the alert types it receives (empty = all)
 */
public record AlertWebhook(
        String id,
        String url,
        List<String> events,
        boolean enabled,
        String description,
        String secret,
        Instant createdAt,
        Instant updatedAt,
        long version)
        implements Versioned {

    public AlertWebhook {
        events = events == null ? List.of() : List.copyOf(events);
    }
}
