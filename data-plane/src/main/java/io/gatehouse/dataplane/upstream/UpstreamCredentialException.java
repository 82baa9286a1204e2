package io.gatehouse.dataplane.upstream;

/** An upstream credential could not be obtained; the call fails closed with {@code UPSTREAM_CREDENTIAL_UNAVAILABLE}. */
public final class UpstreamCredentialException extends Exception {

    public UpstreamCredentialException(String message, Throwable cause) {
        super(message, cause);
    }

    public UpstreamCredentialException(String message) {
        super(message);
    }
}
