-- Alert-webhook HMAC secrets are stored sealed (AES-256-GCM under the control plane's master key, bound to their
-- tenant and webhook; see WebhookSecrets), like the tenants' signing keys. New webhooks write only
-- sealed_secret. Rows from before this migration keep their plain-text secret until the control plane starts with
-- a master key: it then seals each one and clears the plain text (WebhookService.sealPlaintextSecrets), because
-- SQL cannot encrypt under a key it never sees. Exactly one of the two columns is set.
ALTER TABLE alert_webhooks ADD COLUMN sealed_secret text;
ALTER TABLE alert_webhooks ALTER COLUMN secret DROP NOT NULL;
ALTER TABLE alert_webhooks ADD CONSTRAINT ck_alert_webhooks_one_secret
    CHECK ((secret IS NULL) <> (sealed_secret IS NULL));
COMMENT ON COLUMN alert_webhooks.secret IS 'plain-text HMAC secret of a webhook created before V7, until re-sealed';
COMMENT ON COLUMN alert_webhooks.sealed_secret IS 'HMAC secret sealed under the master key (SealedSecret text form)';
