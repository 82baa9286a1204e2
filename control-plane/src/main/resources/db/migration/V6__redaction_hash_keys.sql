-- Redaction hash keys (issue #7): one HMAC key per tenant for the redaction `hash` action, so every agent of a
-- tenant produces the same hash for the same value. Sealed (AES-256-GCM) under the control plane's master key like
-- the signing keys; delivered to agents only in their enrollment answer, never in bundles.

CREATE TABLE redaction_hash_keys (
    tenant_id   uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
    sealed_key  text NOT NULL,
    created_at  timestamptz NOT NULL
);
ALTER TABLE redaction_hash_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE redaction_hash_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON redaction_hash_keys
    USING (tenant_id = gh_current_tenant()) WITH CHECK (tenant_id = gh_current_tenant());
GRANT SELECT, INSERT ON redaction_hash_keys TO ${appRole};
