package io.gatehouse.protocol.bundle;

/** A bundle document could not be read: the message names the field path and what was wrong. */
public final class BundleFormatException extends Exception {

    public BundleFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
