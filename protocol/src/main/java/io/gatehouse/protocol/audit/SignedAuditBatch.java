package io.gatehouse.protocol.audit;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.ECKey;
import io.gatehouse.protocol.signing.AgentIdentity;
import io.gatehouse.protocol.signing.Digests;
import io.gatehouse.protocol.signing.Jws;
import java.util.Objects;

/**
 * An audit batch as shipped: a compact JWS ({@code typ} {@code gatehouse-audit+jws}, ES256, {@code kid} =
 * the agent key's thumbprint) whose payload is the batch's canonical JSON. One Pulsar message carries one.
 *
 * @param compact the JWS
 * @param batch the verified batch
 * @param hash {@link AuditBatch#hash()} (SHA-256 of the signed payload)
 */
public record SignedAuditBatch(String compact, AuditBatch batch, String hash) {

    /** {@code typ} header of a signed audit batch. */
    public static final JOSEObjectType TYPE = new JOSEObjectType("gatehouse-audit+jws");

    public SignedAuditBatch {
        Objects.requireNonNull(compact, "compact");
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(hash, "hash");
    }

    /** Signs {@code batch} with the agent's key. */
    public static SignedAuditBatch sign(AuditBatch batch, AgentIdentity agent) {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(agent, "agent");
        byte[] payload = batch.canonicalBytes(); // encoded once: signed and hashed
        return new SignedAuditBatch(
                Jws.sign(agent.signingKey(), TYPE, payload), batch, Digests.sha256Base64Url(payload));
    }

    /**
     * Verifies {@code compact} with the agent's registered public key: ES256 only, {@code kid} must be that
     * key's id, the signature must verify, and the payload must be a valid batch in canonical form.
     */
    public static SignedAuditBatch verify(String compact, ECKey agentPublicKey) throws AuditBatchRejectedException {
        Objects.requireNonNull(agentPublicKey, "agentPublicKey");
        Jws.Parsed parsed;
        try {
            parsed = Jws.parse(compact, TYPE, Jws.DEFAULT_ALGORITHMS);
            if (!parsed.keyId().equals(agentPublicKey.getKeyID())) {
                throw new AuditBatchRejectedException(
                        AuditBatchRejectedException.Reason.UNKNOWN_KEY,
                        "batch signed with kid " + AuditJson.printable(parsed.keyId()) + ", expected agent key "
                                + agentPublicKey.getKeyID());
            }
            Jws.verifySignature(parsed, agentPublicKey);
        } catch (Jws.JwsException e) {
            throw new AuditBatchRejectedException(
                    AuditBatchRejectedException.Reason.valueOf(e.failure().name()), e.getMessage());
        }
        try {
            byte[] payload = parsed.payload();
            // parse() proved the payload is the batch's canonical form, so its hash is the payload's hash
            AuditBatch batch = AuditBatch.parse(payload);
            return new SignedAuditBatch(compact, batch, Digests.sha256Base64Url(payload));
        } catch (IllegalArgumentException e) {
            throw new AuditBatchRejectedException(
                    AuditBatchRejectedException.Reason.MALFORMED, "batch payload: " + e.getMessage());
        }
    }
}
