package io.gatehouse.console.ui.watch;

import io.gatehouse.protocol.api.DataPlane;
import io.gatehouse.protocol.api.DataPlaneReject;
import java.time.Duration;
import java.time.Instant;

/** How the fleet view words an agent's liveness, bundle state and last reject. Pure, unit-tested. */
public final class FleetText {
    private FleetText() {}

    /** "never", "4 s ago", "3 min ago", "5 h ago", "2 d ago". */
    public static String age(Instant lastSeen, Instant now) {
        if (lastSeen == null) {
            return "never";
        }
        long s = Math.max(0, Duration.between(lastSeen, now).toSeconds());
        if (s < 120) {
            return s + " s ago";
        }
        if (s < 2 * 3600) {
            return s / 60 + " min ago";
        }
        if (s < 2 * 86400) {
            return s / 3600 + " h ago";
        }
        return s / 86400 + " d ago";
    }

    /** "applied v7 of v7" or "applied v5 of v7"; "none yet" before the first bundle. */
    public static String bundle(DataPlane agent) {
        if (agent.appliedVersion() == 0 && agent.desiredVersion() == 0) {
            return "none yet";
        }
        return "applied v" + agent.appliedVersion() + " of v" + agent.desiredVersion();
    }

    /** "in sync", or how far behind (or ahead) the agent is. */
    public static String drift(DataPlane agent) {
        if (!agent.drift()) {
            return "in sync";
        }
        long behind = agent.desiredVersion() - agent.appliedVersion();
        return behind > 0 ? "drift: " + behind + " behind" : "drift: applied differs from desired";
    }

    /** "v6 BAD_SIGNATURE: detail" or "" when the agent never refused a bundle. */
    public static String reject(DataPlaneReject reject) {
        if (reject == null) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        if (reject.version() != null) {
            s.append('v').append(reject.version()).append(' ');
        }
        s.append(reject.reason() == null ? "REJECTED" : reject.reason());
        if (reject.detail() != null && !reject.detail().isBlank()) {
            s.append(": ").append(reject.detail());
        }
        return s.toString();
    }
}
