-- Tenancy and identity. Runs as the owner role; the application connects as ${appRole}, which owns
-- nothing, has no BYPASSRLS, and sees only the rows of the tenant named by app.tenant_id.

CREATE FUNCTION gh_current_tenant() RETURNS uuid
    LANGUAGE sql STABLE
    AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;

CREATE TABLE tenants (
    id          uuid PRIMARY KEY,
    name        text NOT NULL,
    created_at  timestamptz NOT NULL
);

CREATE TABLE users (
    id             uuid PRIMARY KEY,
    email          text NOT NULL,
    password_hash  text NOT NULL,
    failed_logins  integer NOT NULL DEFAULT 0,
    locked_until   timestamptz,
    created_at     timestamptz NOT NULL
);
CREATE UNIQUE INDEX uq_users_email ON users (lower(email));

CREATE TABLE memberships (
    id          uuid PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_id     uuid NOT NULL REFERENCES users (id),
    role        text NOT NULL CHECK (role IN ('OWNER', 'ADMIN', 'EDITOR', 'VIEWER', 'AUDITOR')),
    version     bigint NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    CONSTRAINT uq_memberships_user UNIQUE (tenant_id, user_id)
);
CREATE INDEX ix_memberships_user ON memberships (user_id);

CREATE TABLE access_tokens (
    id            uuid PRIMARY KEY,
    tenant_id     uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_id       uuid NOT NULL REFERENCES users (id),
    kind          text NOT NULL CHECK (kind IN ('SESSION', 'API')),
    name          text NOT NULL,
    role          text CHECK (role IN ('OWNER', 'ADMIN', 'EDITOR', 'VIEWER', 'AUDITOR')),
    token_hash    bytea NOT NULL,
    version       bigint NOT NULL,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    expires_at    timestamptz,
    last_used_at  timestamptz,
    revoked_at    timestamptz,
    CONSTRAINT uq_access_tokens_hash UNIQUE (token_hash)
);
CREATE INDEX ix_access_tokens_tenant ON access_tokens (tenant_id, kind, created_at, id);

CREATE TABLE invitations (
    id           uuid PRIMARY KEY,
    tenant_id    uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    email        text NOT NULL,
    role         text NOT NULL CHECK (role IN ('OWNER', 'ADMIN', 'EDITOR', 'VIEWER', 'AUDITOR')),
    token_hash   bytea NOT NULL,
    invited_by   uuid NOT NULL,
    version      bigint NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    accepted_at  timestamptz,
    CONSTRAINT uq_invitations_hash UNIQUE (token_hash)
);
CREATE INDEX ix_invitations_tenant ON invitations (tenant_id, created_at, id);

-- Admin activity log: append-only for the application (no UPDATE/DELETE grant).
CREATE TABLE activity (
    id              uuid PRIMARY KEY,
    tenant_id       uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    at              timestamptz NOT NULL,
    actor_user_id   uuid,
    actor_token_id  uuid,
    action          text NOT NULL,
    resource_type   text NOT NULL,
    resource_id     text NOT NULL,
    before          jsonb,
    after           jsonb,
    request_id      text
);
CREATE INDEX ix_activity_tenant_at ON activity (tenant_id, at, id);
CREATE INDEX ix_activity_resource ON activity (tenant_id, resource_type, resource_id);

CREATE TABLE idempotency_keys (
    tenant_id     uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    actor         text NOT NULL,
    idem_key      text NOT NULL,
    request_hash  text NOT NULL,
    status        integer NOT NULL,
    location      text,
    etag          text,
    body          text NOT NULL,
    created_at    timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, actor, idem_key)
);

-- Row-level security: every tenant-owned table, forced (so even the owner is subject to it).
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenants
    USING (id = gh_current_tenant()) WITH CHECK (id = gh_current_tenant());

ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON memberships
    USING (tenant_id = gh_current_tenant()) WITH CHECK (tenant_id = gh_current_tenant());

ALTER TABLE access_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE access_tokens FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON access_tokens
    USING (tenant_id = gh_current_tenant()) WITH CHECK (tenant_id = gh_current_tenant());

ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
ALTER TABLE invitations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON invitations
    USING (tenant_id = gh_current_tenant()) WITH CHECK (tenant_id = gh_current_tenant());

ALTER TABLE activity ENABLE ROW LEVEL SECURITY;
ALTER TABLE activity FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON activity
    USING (tenant_id = gh_current_tenant()) WITH CHECK (tenant_id = gh_current_tenant());

ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE idempotency_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON idempotency_keys
    USING (tenant_id = gh_current_tenant()) WITH CHECK (tenant_id = gh_current_tenant());

-- Users are global (one person, several tenants). The application may read a user only through a
-- membership of the current tenant (the subquery is itself filtered by memberships' policy) and
-- never writes users directly: the SECURITY DEFINER functions below do.
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
CREATE POLICY member_of_current_tenant ON users FOR SELECT
    USING (EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.id));

-- The definer functions run as the owner role; these policies let exactly that role through.
CREATE POLICY definer_access ON users TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY definer_access ON memberships TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY definer_access ON access_tokens TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY definer_access ON invitations TO CURRENT_USER USING (true) WITH CHECK (true);

-- Cross-tenant paths, each narrow: login by email, token by hash, invitation by hash, new user.
CREATE FUNCTION gh_login_lookup(p_email text)
    RETURNS TABLE (user_id uuid, password_hash text, locked_until timestamptz)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
    AS $$ SELECT id, password_hash, locked_until FROM users WHERE lower(email) = lower(p_email) $$;

CREATE FUNCTION gh_login_failed(p_user uuid, p_max_failures integer, p_lock_seconds integer)
    RETURNS void
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
    AS $$
        UPDATE users
           SET failed_logins = failed_logins + 1,
               locked_until = CASE
                   WHEN failed_logins + 1 >= p_max_failures
                   THEN now() + make_interval(secs => p_lock_seconds
                        * power(2, least(failed_logins + 1 - p_max_failures, 6)))
                   ELSE locked_until END
         WHERE id = p_user
    $$;

CREATE FUNCTION gh_login_succeeded(p_user uuid)
    RETURNS TABLE (tenant_id uuid, role text)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
    AS $$
    BEGIN
        UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = p_user;
        RETURN QUERY SELECT m.tenant_id, m.role FROM memberships m WHERE m.user_id = p_user ORDER BY m.created_at;
    END
    $$;

CREATE FUNCTION gh_create_user(p_id uuid, p_email text, p_password_hash text)
    RETURNS boolean
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
    AS $$
    BEGIN
        INSERT INTO users (id, email, password_hash, created_at)
             VALUES (p_id, p_email, p_password_hash, now())
        ON CONFLICT DO NOTHING;
        RETURN FOUND;
    END
    $$;

-- Resolves a live bearer token; its effective role is checked against the current membership, so
-- removing a member kills their sessions and tokens at once. last_used_at is kept to the minute.
CREATE FUNCTION gh_resolve_token(p_hash bytea)
    RETURNS TABLE (token_id uuid, tenant_id uuid, user_id uuid, kind text, token_role text,
                   member_role text, expires_at timestamptz)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
    AS $$
    BEGIN
        UPDATE access_tokens t SET last_used_at = now()
         WHERE t.token_hash = p_hash
           AND (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute');
        RETURN QUERY
            SELECT t.id, t.tenant_id, t.user_id, t.kind, t.role, m.role, t.expires_at
              FROM access_tokens t
              JOIN memberships m ON m.tenant_id = t.tenant_id AND m.user_id = t.user_id
             WHERE t.token_hash = p_hash
               AND t.revoked_at IS NULL
               AND (t.expires_at IS NULL OR t.expires_at > now());
    END
    $$;

CREATE FUNCTION gh_find_invitation(p_hash bytea)
    RETURNS TABLE (id uuid, tenant_id uuid, email text, role text, expires_at timestamptz,
                   accepted_at timestamptz)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
    AS $$ SELECT id, tenant_id, email, role, expires_at, accepted_at FROM invitations WHERE token_hash = p_hash $$;

REVOKE ALL ON FUNCTION gh_login_lookup(text), gh_login_failed(uuid, integer, integer),
    gh_login_succeeded(uuid), gh_create_user(uuid, text, text), gh_resolve_token(bytea),
    gh_find_invitation(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gh_current_tenant(), gh_login_lookup(text), gh_login_failed(uuid, integer, integer),
    gh_login_succeeded(uuid), gh_create_user(uuid, text, text), gh_resolve_token(bytea),
    gh_find_invitation(bytea) TO ${appRole};

GRANT SELECT, INSERT, UPDATE, DELETE ON tenants, memberships, access_tokens, invitations, idempotency_keys TO ${appRole};
GRANT SELECT, INSERT ON activity TO ${appRole};
GRANT SELECT ON users TO ${appRole};
