package io.gatehouse.controlplane.bundle;

/**
 * The tenant's desired state cannot be expressed as a valid bundle (e.g. a secret reference kind the data plane
 * cannot resolve). The message names the resource and the field; nothing is published.
 */
public final class CompileException extends Exception {
    public CompileException(String message) {
        super(message, null, false, false);
    }
}
