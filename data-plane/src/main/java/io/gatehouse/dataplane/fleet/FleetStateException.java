package io.gatehouse.dataplane.fleet;

/** The agent's enrolled state is missing, unreadable or inconsistent; the message says which file and why. */
public final class FleetStateException extends Exception {

    public FleetStateException(String message) {
        super(message);
    }

    public FleetStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
