package io.gatehouse.dataplane.upstream;

import io.gatehouse.dataplane.auth.Principal;
import java.util.Map;

/**
 * The credential the data plane presents to an upstream MCP server on behalf of a caller. The
 * caller's own token is never forwarded; this supplies what replaces it (a static API key header,
 * an OAuth2 client-credentials token cached until expiry, or an RFC 8693 exchanged token).
 * Implementations are thread-safe.
 */
public interface UpstreamCredential {

    /**
     * @param caller who is calling
     * @param callerToken the caller's validated token; used only as the subject token of an RFC 8693
     *     exchange, never sent upstream
     * @return headers to set on the upstream request (e.g. {@code Authorization}); empty for none
     * @throws UpstreamCredentialException when the credential cannot be obtained (fail closed)
     */
    Map<String, String> headers(Principal caller, String callerToken) throws UpstreamCredentialException;
}
