package io.gatehouse.dataplane.auth;

import static java.util.Objects.requireNonNull;

/**
 * A bearer token was refused. {@link #reason()} is a stable key that is identical in responses, logs
 * and metrics; {@link #getMessage()} is safe to show to the client (it never contains the token).
 */
public final class AuthenticationException extends Exception {

    /** Why a token was refused. {@link #oauthError()} is the RFC 6750 error code it maps to. */
    public enum Reason {
        MISSING_TOKEN("invalid_request"),
        MALFORMED_TOKEN("invalid_token"),
        UNTRUSTED_ISSUER("invalid_token"),
        ALGORITHM_NOT_ALLOWED("invalid_token"),
        UNKNOWN_KEY("invalid_token"),
        BAD_SIGNATURE("invalid_token"),
        EXPIRED("invalid_token"),
        NOT_YET_VALID("invalid_token"),
        WRONG_AUDIENCE("invalid_token"),
        INACTIVE_TOKEN("invalid_token"),
        /** The issuer's keys or introspection endpoint could not be reached and nothing usable is cached. */
        ISSUER_UNAVAILABLE("invalid_token");

        private final String oauthError;

        Reason(String oauthError) {
            this.oauthError = oauthError;
        }

        public String oauthError() {
            return oauthError;
        }
    }

    private final Reason reason;

    public AuthenticationException(Reason reason, String clientSafeMessage) {
        super(requireNonNull(clientSafeMessage, "clientSafeMessage"), null, false, false);
        this.reason = requireNonNull(reason, "reason");
    }

    public AuthenticationException(Reason reason, String clientSafeMessage, Throwable cause) {
        super(requireNonNull(clientSafeMessage, "clientSafeMessage"), cause, false, false);
        this.reason = requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
