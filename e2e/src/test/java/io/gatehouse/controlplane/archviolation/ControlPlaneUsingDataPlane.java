package io.gatehouse.controlplane.archviolation;

import io.gatehouse.dataplane.auth.Principal;

/** Deliberate violation for ArchitectureRulesSelfTest: the control plane reaching into the data plane. */
public final class ControlPlaneUsingDataPlane {
    Principal principal;
}
