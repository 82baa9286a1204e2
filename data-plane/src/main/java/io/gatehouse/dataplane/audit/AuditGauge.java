package io.gatehouse.dataplane.audit;

import java.util.function.DoubleSupplier;

/** A metric an audit sink exposes; the composition root registers it with the agent's metrics. */
public record AuditGauge(String name, String help, DoubleSupplier value) {}
