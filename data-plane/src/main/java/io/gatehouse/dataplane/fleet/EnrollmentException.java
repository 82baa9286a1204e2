package io.gatehouse.dataplane.fleet;

/**
 * Enrollment failed; nothing was written to the state directory. The message says what went wrong (the control
 * plane's problem details, an unreachable control plane, an invalid answer) and never contains the token or keys.
 */
public final class EnrollmentException extends Exception {

    public EnrollmentException(String message) {
        super(message);
    }

    public EnrollmentException(String message, Throwable cause) {
        super(message, cause);
    }
}
