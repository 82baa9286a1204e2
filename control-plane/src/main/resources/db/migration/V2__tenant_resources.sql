-- Tenant resources: registry, catalog, policy, DLP, limits, kill switches, fleet.
-- Every row carries tenant_id; references to other resources include tenant_id so a row can
-- never point into another tenant, and row-level security is forced on every table.

CREATE TABLE identity_providers (
    id          uuid PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    version     bigint NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    name                       text NOT NULL,
    issuer                     text NOT NULL,
    discovery_uri              text,
    jwks_uri                   text,
    audience                   text NOT NULL,
    claims                     jsonb NOT NULL,
    introspection              jsonb,
    CONSTRAINT uq_identity_providers_name UNIQUE (tenant_id, name),
    CONSTRAINT uq_identity_providers_issuer UNIQUE (tenant_id, issuer)
);
CREATE INDEX ix_identity_providers_page ON identity_providers (tenant_id, created_at, id);
ALTER TABLE identity_providers ENABLE ROW LEVEL SECURITY;
ALTER TABLE identity_providers FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON identity_providers
    USING (tenant_id = gh_current_tenant()) WITH CHECK (tenant_id = gh_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON identity_providers TO ${appRole};

CREATE TABLE servers (
    id          uuid PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    version     bigint NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    name             text NOT NULL,
    slug             text NOT NULL,
    upstream_url     text NOT NULL,
    transport        text NOT NULL,
    upstream_auth    jsonb NOT NULL,
    allowed_origins  jsonb NOT NULL,
    status           text NOT NULL,
    labels           jsonb NOT NULL,
    CONSTRAINT uq_servers_slug UNIQUE (tenant_id, slug),
    CONSTRAINT uq_servers_tenant_id UNIQUE (tenant_id, id)
);
CREATE INDEX ix_servers_page ON servers (tenant_id, created_at, id);
ALTER TABLE servers ENABLE ROW LEVEL SECURITY;
ALTER TABLE servers FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON servers
    USING (tenant_id = gh_current_tenant()) WITH CHECK (tenant_id = gh_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON servers TO ${appRole};

CREATE TABLE scopes (
    id          uuid PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    version     bigint NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    name         text NOT NULL,
    description  text,
    implies      jsonb NOT NULL,
    CONSTRAINT uq_scopes_name UNIQUE (tenant_id, name)
);
CREATE INDEX ix_scopes_page ON scopes (tenant_id, created_at, id);
ALTER TABLE scopes ENABLE ROW LEVEL SECURITY;
ALTER TABLE scopes FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON scopes
    USING (tenant_id = gh_current_tenant()) WITH CHECK (tenant_id = gh_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON scopes TO ${appRole};

CREATE TABLE tool_bindings (
    id          uuid PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    version     bigint NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    server_id          uuid NOT NULL,
    tool_pattern       text NOT NULL,
    required_scopes    jsonb NOT NULL,
    risk               text NOT NULL,
    guarded_arguments  jsonb NOT NULL,
    CONSTRAINT fk_tool_bindings_server FOREIGN KEY (tenant_id, server_id) REFERENCES servers (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT uq_tool_bindings_tool_pattern UNIQUE (tenant_id, server_id, tool_pattern)
);
CREATE INDEX ix_tool_bindings_page ON tool_bindings (tenant_id, created_at, id);
ALTER TABLE tool_bindings ENABLE ROW LEVEL SECURITY;
ALTER TABLE tool_bindings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tool_bindings
    USING (tenant_id = gh_current_tenant()) WITH CHECK (tenant_id = gh_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON tool_bindings TO ${appRole};

CREATE TABLE policies (
    id          uuid PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    version     bigint NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    name         text NOT NULL,
    description  text,
    priority     integer NOT NULL,
    mode         text NOT NULL,
    enabled      boolean NOT NULL,
    rules        jsonb NOT NULL,
    CONSTRAINT uq_policies_name UNIQUE (tenant_id, name)
);
CREATE INDEX ix_policies_page ON policies (tenant_id, created_at, id);
ALTER TABLE policies ENABLE ROW LEVEL SECURITY;
ALTER TABLE policies FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON policies
    USING (tenant_id = gh_current_tenant()) WITH CHECK (tenant_id = gh_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON policies TO ${appRole};

CREATE TABLE redaction_rules (
    id          uuid PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    version     bigint NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    name        text NOT NULL,
    detectors   jsonb NOT NULL,
    patterns    jsonb NOT NULL,
    direction   text NOT NULL,
    action      text NOT NULL,
    server_ids  jsonb NOT NULL,
    CONSTRAINT uq_redaction_rules_name UNIQUE (tenant_id, name)
);
CREATE INDEX ix_redaction_rules_page ON redaction_rules (tenant_id, created_at, id);
ALTER TABLE redaction_rules ENABLE ROW LEVEL SECURITY;
ALTER TABLE redaction_rules FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON redaction_rules
    USING (tenant_id = gh_current_tenant()) WITH CHECK (tenant_id = gh_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON redaction_rules TO ${appRole};

CREATE TABLE rate_limits (
    id          uuid PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    version     bigint NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    name                   text NOT NULL,
    limit_key              text NOT NULL,
    server_id              uuid,
    tool                   text,
    capacity               bigint NOT NULL,
    refill_tokens          bigint NOT NULL,
    refill_period_seconds  bigint NOT NULL,
    failure_mode           text NOT NULL,
    CONSTRAINT fk_rate_limits_server FOREIGN KEY (tenant_id, server_id) REFERENCES servers (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT uq_rate_limits_name UNIQUE (tenant_id, name)
);
CREATE INDEX ix_rate_limits_page ON rate_limits (tenant_id, created_at, id);
ALTER TABLE rate_limits ENABLE ROW LEVEL SECURITY;
ALTER TABLE rate_limits FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON rate_limits
    USING (tenant_id = gh_current_tenant()) WITH CHECK (tenant_id = gh_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON rate_limits TO ${appRole};

CREATE TABLE kill_switches (
    id          uuid PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    version     bigint NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    scope       text NOT NULL,
    server_id   uuid,
    tool        text,
    reason      text NOT NULL,
    created_by  uuid NOT NULL,
    lifted_by   uuid,
    lifted_at   timestamptz,
    CONSTRAINT fk_kill_switches_server FOREIGN KEY (tenant_id, server_id) REFERENCES servers (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX ix_kill_switches_page ON kill_switches (tenant_id, created_at, id);
ALTER TABLE kill_switches ENABLE ROW LEVEL SECURITY;
ALTER TABLE kill_switches FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON kill_switches
    USING (tenant_id = gh_current_tenant()) WITH CHECK (tenant_id = gh_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON kill_switches TO ${appRole};

CREATE TABLE data_plane_groups (
    id          uuid PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    version     bigint NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    name         text NOT NULL,
    description  text,
    CONSTRAINT uq_data_plane_groups_name UNIQUE (tenant_id, name),
    CONSTRAINT uq_data_plane_groups_tenant_id UNIQUE (tenant_id, id)
);
CREATE INDEX ix_data_plane_groups_page ON data_plane_groups (tenant_id, created_at, id);
ALTER TABLE data_plane_groups ENABLE ROW LEVEL SECURITY;
ALTER TABLE data_plane_groups FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON data_plane_groups
    USING (tenant_id = gh_current_tenant()) WITH CHECK (tenant_id = gh_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON data_plane_groups TO ${appRole};

CREATE TABLE enrollment_tokens (
    id          uuid PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    version     bigint NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    group_id    uuid NOT NULL,
    token_hash  bytea NOT NULL,
    expires_at  timestamptz NOT NULL,
    max_uses    integer NOT NULL,
    uses        integer NOT NULL,
    created_by  uuid NOT NULL,
    revoked_at  timestamptz,
    CONSTRAINT fk_enrollment_tokens_group FOREIGN KEY (tenant_id, group_id) REFERENCES data_plane_groups (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT uq_enrollment_tokens_hash UNIQUE (token_hash)
);
CREATE INDEX ix_enrollment_tokens_page ON enrollment_tokens (tenant_id, created_at, id);
ALTER TABLE enrollment_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE enrollment_tokens FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON enrollment_tokens
    USING (tenant_id = gh_current_tenant()) WITH CHECK (tenant_id = gh_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON enrollment_tokens TO ${appRole};

CREATE INDEX ix_servers_name ON servers (tenant_id, name, id);
CREATE INDEX ix_tool_bindings_server ON tool_bindings (tenant_id, server_id, created_at, id);
