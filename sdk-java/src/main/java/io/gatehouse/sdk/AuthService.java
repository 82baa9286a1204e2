package io.gatehouse.sdk;

import com.fasterxml.jackson.core.type.TypeReference;
import io.gatehouse.protocol.api.InvitationAcceptRequest;
import io.gatehouse.protocol.api.LoginRequest;
import io.gatehouse.protocol.api.SessionToken;
import io.gatehouse.protocol.api.SignupRequest;
import io.gatehouse.protocol.api.SignupResponse;

/** Sign-up, login, accepting an invitation and logout. These calls are never retried. */
public final class AuthService {
    private static final TypeReference<SignupResponse> SIGNUP = new TypeReference<>() {};
    private static final TypeReference<SessionToken> SESSION = new TypeReference<>() {};
    private final HttpTransport transport;

    AuthService(HttpTransport transport) {
        this.transport = transport;
    }

    public SignupResponse signup(SignupRequest request) {
        return transport
                .send("POST", "/api/v1/signup", null, request, RequestOptions.NONE, SIGNUP, false)
                .body();
    }

    public SessionToken login(LoginRequest request) {
        return transport
                .send("POST", "/api/v1/sessions", null, request, RequestOptions.NONE, SESSION, false)
                .body();
    }

    public SessionToken acceptInvitation(InvitationAcceptRequest request) {
        return transport
                .send("POST", "/api/v1/invitations:accept", null, request, RequestOptions.NONE, SESSION, false)
                .body();
    }

    /** Revokes the session token this client uses. */
    public void logout() {
        transport.send("DELETE", "/api/v1/sessions/current", null, null, RequestOptions.NONE, null, false);
    }
}
