package io.gatehouse.engine.archviolation;

import io.gatehouse.dataplane.archviolation.DataPlaneUsingControlPlane;

/** Breaks ENGINE_DEPENDS_ONLY_ON_PROTOCOL on purpose: the shared engine reaching into a plane. */
public final class EngineUsingDataPlane {

    public String reachIntoThePlane() {
        return DataPlaneUsingControlPlane.class.getName();
    }
}
