package io.gatehouse.engine.policy;

import io.gatehouse.engine.match.CelCondition;
import io.gatehouse.engine.match.IpAddresses;
import io.gatehouse.engine.match.RequestContext;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one decision derives from its request, computed on first use and then shared by every rule
 * the decision tries: the source address as bytes (for CIDR blocks), the request's local date-time
 * in each time zone the rules use, and the CEL variables. Without it, 100 time-window rules convert
 * the same instant 100 times and 100 CIDR rules copy the same address 100 times. One instance per
 * {@link PolicyEngine#decide} call; not thread-safe.
 */
final class RequestFacts {

    private final RequestContext context;
    private final Zones zones;
    private final LocalDateTime[] localTimes;
    private byte[] sourceBytes;
    private CelCondition.Bindings celBindings;

    RequestFacts(RequestContext context, Zones zones) {
        this.context = context;
        this.zones = zones;
        this.localTimes = zones.size() == 0 ? NO_TIMES : new LocalDateTime[zones.size()];
    }

    private static final LocalDateTime[] NO_TIMES = new LocalDateTime[0];

    /** The source address as 4 (IPv4, also for IPv4-mapped IPv6) or 16 bytes. */
    byte[] sourceBytes() {
        byte[] bytes = sourceBytes;
        if (bytes == null) {
            bytes = IpAddresses.bytesOf(context.sourceAddress());
            sourceBytes = bytes;
        }
        return bytes;
    }

    /** The request's instant as wall-clock date-time in zone number {@code zone} of {@link Zones}. */
    LocalDateTime localTime(int zone) {
        LocalDateTime local = localTimes[zone];
        if (local == null) {
            local = context.time().atZone(zones.zone(zone)).toLocalDateTime();
            localTimes[zone] = local;
        }
        return local;
    }

    /** The CEL variables, bound on first use (most requests reach no CEL condition). */
    CelCondition.Bindings celBindings() {
        CelCondition.Bindings bindings = celBindings;
        if (bindings == null) {
            bindings = CelCondition.bind(context);
            celBindings = bindings;
        }
        return bindings;
    }

    /** The distinct time zones of a compiled rule set, numbered at compile time. Immutable. */
    static final class Zones {
        private final ZoneId[] zones;

        private Zones(ZoneId[] zones) {
            this.zones = zones;
        }

        int size() {
            return zones.length;
        }

        ZoneId zone(int index) {
            return zones[index];
        }

        /** Numbers zones while rules compile. Not thread-safe. */
        static final class Builder {
            private final Map<ZoneId, Integer> indexes = new HashMap<>();
            private final List<ZoneId> zones = new ArrayList<>();

            int indexOf(ZoneId zone) {
                return indexes.computeIfAbsent(zone, z -> {
                    zones.add(z);
                    return zones.size() - 1;
                });
            }

            Zones build() {
                return new Zones(zones.toArray(ZoneId[]::new));
            }
        }
    }
}
