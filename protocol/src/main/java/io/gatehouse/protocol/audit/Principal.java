package io.gatehouse.protocol.audit;

/**
 * Who made the call, from the validated access token.
 *
 * @param subject {@code sub}
 * @param issuer {@code iss}
 * @param clientId OAuth client id ({@code client_id}/{@code azp}), or {@code null} if the token has none
 */
public record Principal(String subject, String issuer, String clientId) {

    public Principal {
        AuditJson.requireText("principal.subject", subject, 512);
        AuditJson.requireText("principal.issuer", issuer, 512);
        if (clientId != null) {
            AuditJson.requireText("principal.clientId", clientId, 512);
        }
    }
}
