package io.gatehouse.controlplane.alerts;

import io.gatehouse.protocol.signing.Aead;
import io.gatehouse.protocol.signing.SealedSecret;
import io.gatehouse.protocol.signing.SealingException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * Alert-webhook HMAC secrets sealed (AES-256-GCM) under the control plane's master key, the way tenants'
 * signing keys are: the associated data binds a sealed secret to its tenant and webhook, so it cannot be moved to
 * another row. Without a master key nothing can be sealed: creating a webhook is refused (fail closed) and only
 * secrets stored before V7 (plain text, until a master key re-seals them) can sign deliveries. Never logs or
 * returns a secret in a message.
 */
public final class WebhookSecrets {

    private final Aead aead;

    /** @param aead the master keys, or null when none is configured */
    public WebhookSecrets(Aead aead) {
        this.aead = aead;
    }

    /** True when a master key is configured (secrets can be sealed and opened). */
    public boolean available() {
        return aead != null;
    }

    /** The sealed text stored in {@code alert_webhooks.sealed_secret}. */
    String seal(UUID tenantId, UUID webhookId, String secret) {
        Objects.requireNonNull(secret, "secret");
        if (aead == null) {
            throw new MasterKeyMissing();
        }
        return aead.seal(secret.getBytes(StandardCharsets.UTF_8), associatedData(tenantId, webhookId))
                .toText();
    }

    /**
     * The secret of {@code sealedText}.
     *
     * @throws IllegalStateException naming the webhook (never the secret) when it cannot be opened
     */
    String open(UUID tenantId, UUID webhookId, String sealedText) {
        if (aead == null) {
            throw new MasterKeyMissing();
        }
        try {
            return new String(
                    aead.open(SealedSecret.fromText(sealedText), associatedData(tenantId, webhookId)),
                    StandardCharsets.UTF_8);
        } catch (SealingException e) {
            throw new IllegalStateException(
                    "secret of webhook " + webhookId + " cannot be opened with the configured master keys ("
                            + e.reason() + ")",
                    e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("sealed secret of webhook " + webhookId + " is corrupt", e);
        }
    }

    private static byte[] associatedData(UUID tenantId, UUID webhookId) {
        return ("tenant=" + tenantId + ";purpose=webhook-secret;webhook=" + webhookId).getBytes(StandardCharsets.UTF_8);
    }

    /** No master key is configured, so no secret can be sealed or opened. */
    public static final class MasterKeyMissing extends IllegalStateException {
        MasterKeyMissing() {
            super("no master key is configured (bundles.masterKey / GATEHOUSE_MASTER_KEY): webhook secrets cannot be"
                    + " sealed or opened");
        }
    }
}
