package io.gatehouse.controlplane.persistence;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Timestamps at PostgreSQL's precision (microseconds), so what we return equals what we store. */
public final class Times {
    private Times() {}

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
