package io.gatehouse.protocol.fleet;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One message on {@link PulsarTopics#status()} (JSON, key = agent id).
 *
 * @param kind what happened
 * @param agentId the reporting agent
 * @param groupId its data-plane group
 * @param appliedVersion the bundle version it enforces now (0 = none)
 * @param bundleVersion the version this message is about (APPLIED / REJECTED), else null
 * @param reason for REJECTED: the {@code BundleRejectedException.Reason} name (or {@code COMPILE} /
 *     {@code UNKNOWN_MESSAGE}); else null
 * @param detail for REJECTED: a short, secret-free explanation; else null
 * @param agentVersion agent software version
 * @param startedAt when the agent process started
 * @param at when the message was produced
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentStatus(
        Kind kind,
        String agentId,
        String groupId,
        long appliedVersion,
        Long bundleVersion,
        String reason,
        String detail,
        String agentVersion,
        Instant startedAt,
        Instant at) {

    public enum Kind {
        APPLIED,
        REJECTED,
        HEARTBEAT
    }
}
