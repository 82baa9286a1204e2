-- Tool supply chain (issue #7): what each server announces (discovered) and what an admin approved (pins).
-- Same tenancy walls as V2: tenant_id on every row, row-level security forced, the app role only.

CREATE TABLE discovered_tools (
    id          uuid PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    version     bigint NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    server_id    uuid NOT NULL,
    name         text NOT NULL,
    fingerprint  text NOT NULL,
    definition   jsonb NOT NULL,
    CONSTRAINT fk_discovered_tools_server FOREIGN KEY (tenant_id, server_id) REFERENCES servers (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT uq_discovered_tools_name UNIQUE (tenant_id, server_id, name)
);
ALTER TABLE discovered_tools ENABLE ROW LEVEL SECURITY;
ALTER TABLE discovered_tools FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON discovered_tools
    USING (tenant_id = gh_current_tenant()) WITH CHECK (tenant_id = gh_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON discovered_tools TO ${appRole};

CREATE TABLE tool_pins (
    id          uuid PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    version     bigint NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    server_id    uuid NOT NULL,
    name         text NOT NULL,
    fingerprint  text NOT NULL,
    definition   jsonb NOT NULL,
    approved_by  uuid,
    CONSTRAINT fk_tool_pins_server FOREIGN KEY (tenant_id, server_id) REFERENCES servers (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT uq_tool_pins_name UNIQUE (tenant_id, server_id, name)
);
ALTER TABLE tool_pins ENABLE ROW LEVEL SECURITY;
ALTER TABLE tool_pins FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tool_pins
    USING (tenant_id = gh_current_tenant()) WITH CHECK (tenant_id = gh_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON tool_pins TO ${appRole};
