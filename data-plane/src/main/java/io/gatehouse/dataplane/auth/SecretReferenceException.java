package io.gatehouse.dataplane.auth;

/**
 * A secret reference could not be resolved. The message names the reference and the problem, never
 * a secret value.
 */
public final class SecretReferenceException extends RuntimeException {

    public SecretReferenceException(String message) {
        super(message, null, false, false);
    }
}
