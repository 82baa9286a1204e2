package io.gatehouse.dataplane.auth;

import io.gatehouse.dataplane.auth.AuthenticationException.Reason;
import java.time.Duration;
import java.time.Instant;

/** {@code exp} (required) and {@code nbf} (optional) checks with an issuer's clock skew. */
final class TimeChecks {

    private TimeChecks() {}

    static void check(Instant expiresAt, Instant notBefore, Instant now, Duration skew) throws AuthenticationException {
        if (expiresAt == null) {
            throw new AuthenticationException(Reason.MALFORMED_TOKEN, "token has no expiry (exp)");
        }
        if (!now.isBefore(expiresAt.plus(skew))) {
            throw new AuthenticationException(Reason.EXPIRED, "token has expired");
        }
        if (notBefore != null && now.isBefore(notBefore.minus(skew))) {
            throw new AuthenticationException(Reason.NOT_YET_VALID, "token is not valid yet");
        }
    }
}
