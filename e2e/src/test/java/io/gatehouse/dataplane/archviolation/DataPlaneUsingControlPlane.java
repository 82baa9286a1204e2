package io.gatehouse.dataplane.archviolation;

import io.gatehouse.controlplane.archviolation.ControlPlaneUsingDataPlane;

/** Deliberate violation for ArchitectureRulesSelfTest: the data plane reaching into the control plane. */
public final class DataPlaneUsingControlPlane {
    ControlPlaneUsingDataPlane controlPlaneClass;
}
