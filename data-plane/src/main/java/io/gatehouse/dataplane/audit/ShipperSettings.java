package io.gatehouse.dataplane.audit;

import static java.util.Objects.requireNonNull;

/**
 * Where the shipper sends batches (config block {@code audit.pulsar}; enrollment supplies the same values).
 *
 * @param serviceUrl {@code pulsar://host:port} or {@code pulsar+ssl://...}
 * @param token the agent's Pulsar token, or {@code null} for an open broker; never logged
 * @param topic the audit topic; {@code null} = {@code PulsarTopics(tenant).audit()}
 * @param maxInFlight batches sent and not yet acknowledged by the broker, at most
 */
public record ShipperSettings(String serviceUrl, String token, String topic, int maxInFlight) {

    public ShipperSettings {
        requireNonNull(serviceUrl, "serviceUrl");
        if (!serviceUrl.startsWith("pulsar://") && !serviceUrl.startsWith("pulsar+ssl://")) {
            throw new IllegalArgumentException(
                    "serviceUrl: '" + serviceUrl + "' (expected: pulsar://host:port or pulsar+ssl://host:port)");
        }
        if (maxInFlight < 1 || maxInFlight > 1000) {
            throw new IllegalArgumentException("maxInFlight: " + maxInFlight + " (expected: 1..1000)");
        }
    }

    @Override
    public String toString() {
        return "ShipperSettings[serviceUrl=" + serviceUrl + ", token=" + (token == null ? "none" : "***") + ", topic="
                + topic + ", maxInFlight=" + maxInFlight + "]";
    }
}
