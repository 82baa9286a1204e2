-- Signed config bundles and the fleet: per-tenant signing keys (private parts sealed under the master key),
-- the versioned trust sets, compiled bundles (the send outbox: a row stays unpublished until Pulsar
-- acknowledged it), the change outbox written in the same transaction as every bundle-relevant change,
-- enrolled agents and their last reported status. RLS like every tenant table; the relay reaches across
-- tenants only through the narrow SECURITY DEFINER functions at the end.

-- Where the group's data planes are reachable: servers get resource URIs {public_base_url}/mcp/{slug}.
ALTER TABLE data_plane_groups ADD COLUMN public_base_url text;

CREATE TABLE key_rings (
    tenant_id          uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
    active_kid         text NOT NULL,
    trust_set_version  bigint NOT NULL,
    next_kid           text,
    activate_after     timestamptz,
    retiring_kid       text,
    retire_after       timestamptz,
    updated_at         timestamptz NOT NULL
);

CREATE TABLE signing_keys (
    tenant_id       uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    kid             text NOT NULL,
    sealed_private  text,
    published_at    timestamptz NOT NULL,
    activated_at    timestamptz,
    retired_at      timestamptz,
    PRIMARY KEY (tenant_id, kid)
);

CREATE TABLE trust_sets (
    tenant_id     uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    version       bigint NOT NULL,
    jws           text NOT NULL,
    created_at    timestamptz NOT NULL,
    published_at  timestamptz,
    PRIMARY KEY (tenant_id, version)
);

CREATE TABLE bundle_heads (
    tenant_id     uuid NOT NULL,
    group_id      uuid NOT NULL,
    last_version  bigint NOT NULL,
    PRIMARY KEY (tenant_id, group_id),
    CONSTRAINT fk_bundle_heads_group FOREIGN KEY (tenant_id, group_id) REFERENCES data_plane_groups (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE bundles (
    tenant_id       uuid NOT NULL,
    group_id        uuid NOT NULL,
    version         bigint NOT NULL,
    kind            text NOT NULL CHECK (kind IN ('CHANGE', 'PUBLISH', 'ROLLBACK', 'RESIGN')),
    rollback_of     bigint,
    sha256          text NOT NULL,
    sections_sha256 text NOT NULL,
    content         bytea NOT NULL,
    jws             text NOT NULL,
    key_id          text NOT NULL,
    created_at      timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    created_by      uuid,
    published_at    timestamptz,
    publish_attempts integer NOT NULL DEFAULT 0,
    last_error      text,
    PRIMARY KEY (tenant_id, group_id, version),
    CONSTRAINT fk_bundles_group FOREIGN KEY (tenant_id, group_id) REFERENCES data_plane_groups (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX ix_bundles_page ON bundles (tenant_id, created_at, group_id, version);
CREATE INDEX ix_bundles_unpublished ON bundles (tenant_id) WHERE published_at IS NULL;

CREATE TABLE bundle_outbox (
    id          bigserial PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    reason      text NOT NULL,
    resign      boolean NOT NULL DEFAULT false,
    not_before  timestamptz NOT NULL,
    created_at  timestamptz NOT NULL
);
CREATE INDEX ix_bundle_outbox_due ON bundle_outbox (not_before);
CREATE INDEX ix_bundle_outbox_tenant ON bundle_outbox (tenant_id);

CREATE TABLE pulsar_tenants (
    tenant_id       uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
    provisioned_at  timestamptz NOT NULL
);

CREATE TABLE agents (
    id                  uuid PRIMARY KEY,
    tenant_id           uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    version             bigint NOT NULL,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    group_id            uuid NOT NULL,
    name                text NOT NULL,
    key_id              text NOT NULL,
    public_jwk          text NOT NULL,
    agent_version       text,
    enrollment_token_id uuid,
    revoked_at          timestamptz,
    last_seen_at        timestamptz,
    started_at          timestamptz,
    applied_version     bigint NOT NULL DEFAULT 0,
    reject_version      bigint,
    reject_reason       text,
    reject_detail       text,
    rejected_at         timestamptz,
    CONSTRAINT fk_agents_group FOREIGN KEY (tenant_id, group_id) REFERENCES data_plane_groups (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT uq_agents_key UNIQUE (tenant_id, key_id)
);
CREATE INDEX ix_agents_page ON agents (tenant_id, created_at, id);

ALTER TABLE key_rings ENABLE ROW LEVEL SECURITY;
ALTER TABLE key_rings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON key_rings
    USING (tenant_id = gh_current_tenant()) WITH CHECK (tenant_id = gh_current_tenant());
ALTER TABLE signing_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE signing_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON signing_keys
    USING (tenant_id = gh_current_tenant()) WITH CHECK (tenant_id = gh_current_tenant());
ALTER TABLE trust_sets ENABLE ROW LEVEL SECURITY;
ALTER TABLE trust_sets FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON trust_sets
    USING (tenant_id = gh_current_tenant()) WITH CHECK (tenant_id = gh_current_tenant());
ALTER TABLE bundle_heads ENABLE ROW LEVEL SECURITY;
ALTER TABLE bundle_heads FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON bundle_heads
    USING (tenant_id = gh_current_tenant()) WITH CHECK (tenant_id = gh_current_tenant());
ALTER TABLE bundles ENABLE ROW LEVEL SECURITY;
ALTER TABLE bundles FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON bundles
    USING (tenant_id = gh_current_tenant()) WITH CHECK (tenant_id = gh_current_tenant());
ALTER TABLE bundle_outbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE bundle_outbox FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON bundle_outbox
    USING (tenant_id = gh_current_tenant()) WITH CHECK (tenant_id = gh_current_tenant());
ALTER TABLE pulsar_tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE pulsar_tenants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON pulsar_tenants
    USING (tenant_id = gh_current_tenant()) WITH CHECK (tenant_id = gh_current_tenant());
ALTER TABLE agents ENABLE ROW LEVEL SECURITY;
ALTER TABLE agents FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON agents
    USING (tenant_id = gh_current_tenant()) WITH CHECK (tenant_id = gh_current_tenant());

-- The definer functions below run as the owner; these policies let exactly that role through.
CREATE POLICY definer_access ON tenants TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY definer_access ON enrollment_tokens TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY definer_access ON bundle_outbox TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY definer_access ON bundles TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY definer_access ON trust_sets TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY definer_access ON key_rings TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY definer_access ON pulsar_tenants TO CURRENT_USER USING (true) WITH CHECK (true);

-- Enrollment: the token in the body is the only credential, so its tenant is found by hash first.
CREATE FUNCTION gh_find_enrollment_token(p_hash bytea)
    RETURNS TABLE (id uuid, tenant_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
    AS $$ SELECT id, tenant_id FROM enrollment_tokens WHERE token_hash = p_hash $$;

-- Relay: which tenants have work. Ids only; the work itself runs in each tenant's RLS-bound transaction.
CREATE FUNCTION gh_outbox_due_tenants()
    RETURNS TABLE (tenant_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
    AS $$ SELECT DISTINCT o.tenant_id FROM bundle_outbox o WHERE o.not_before <= clock_timestamp() $$;

CREATE FUNCTION gh_outbox_next_due()
    RETURNS timestamptz
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
    AS $$ SELECT min(not_before) FROM bundle_outbox $$;

CREATE FUNCTION gh_unpublished_tenants()
    RETURNS TABLE (tenant_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
    AS $$
        SELECT b.tenant_id FROM bundles b WHERE b.published_at IS NULL
        UNION
        SELECT t.tenant_id FROM trust_sets t WHERE t.published_at IS NULL
    $$;

CREATE FUNCTION gh_key_rotations_due()
    RETURNS TABLE (tenant_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
    AS $$
        SELECT k.tenant_id FROM key_rings k
         WHERE (k.next_kid IS NOT NULL AND k.activate_after <= clock_timestamp())
            OR (k.retiring_kid IS NOT NULL AND k.retire_after <= clock_timestamp())
    $$;

-- Pulsar tenancy: every tenant (at start) or only the ones not provisioned yet (new sign-ups).
CREATE FUNCTION gh_tenant_ids(p_unprovisioned_only boolean)
    RETURNS TABLE (tenant_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
    AS $$
        SELECT t.id FROM tenants t
         WHERE NOT p_unprovisioned_only
            OR NOT EXISTS (SELECT 1 FROM pulsar_tenants p WHERE p.tenant_id = t.id)
    $$;

REVOKE ALL ON FUNCTION gh_find_enrollment_token(bytea), gh_outbox_due_tenants(), gh_outbox_next_due(),
    gh_unpublished_tenants(), gh_key_rotations_due(), gh_tenant_ids(boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gh_find_enrollment_token(bytea), gh_outbox_due_tenants(), gh_outbox_next_due(),
    gh_unpublished_tenants(), gh_key_rotations_due(), gh_tenant_ids(boolean) TO ${appRole};

GRANT SELECT, INSERT, UPDATE, DELETE ON key_rings, signing_keys, trust_sets, bundle_heads, bundles, bundle_outbox,
    pulsar_tenants, agents TO ${appRole};
GRANT USAGE, SELECT ON SEQUENCE bundle_outbox_id_seq TO ${appRole};
