package io.gatehouse.protocol.api;

import java.time.Instant;

/**
 * The last bundle an agent refused.
 *
 * @param version the refused bundle version
 * @param reason the stable reason key (e.g. {@code BAD_SIGNATURE}, {@code STALE}, {@code COMPILE})
 * @param detail a short, secret-free explanation from the agent
 * @param at when the control plane received the report
 */
public record DataPlaneReject(Long version, String reason, String detail, Instant at) {}
