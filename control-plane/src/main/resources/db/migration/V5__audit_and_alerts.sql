-- Audit ingest and alerts. Runs as the owner role; the application (${appRole}) is subject to row-level
-- security on every table here, like V1/V2. Partition maintenance, retention and the tenant list for the
-- ingest subscriptions go through narrow SECURITY DEFINER functions.

-- Public keys that verify each agent's audit batches (filled by agent registration / enrollment).
CREATE TABLE audit_agent_keys (
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    agent_id    text NOT NULL,
    public_jwk  text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, agent_id)
);

-- One row per stored batch: the unique key makes a redelivered batch a no-op; the signed JWS is kept so a
-- range can be re-verified (signature and chain) at any time.
CREATE TABLE audit_batches (
    tenant_id     uuid NOT NULL,
    agent_id      text NOT NULL,
    epoch         bigint NOT NULL,
    seq           bigint NOT NULL,
    kind          text NOT NULL CHECK (kind IN ('RECORDS', 'GAP')),
    hash          text NOT NULL,
    prev_hash     text NOT NULL,
    record_count  integer NOT NULL,
    first_time    timestamptz,
    last_time     timestamptz,
    created_at    timestamptz NOT NULL,
    received_at   timestamptz NOT NULL DEFAULT now(),
    jws           text NOT NULL,
    PRIMARY KEY (tenant_id, agent_id, epoch, seq)
);
CREATE INDEX ix_audit_batches_time ON audit_batches (tenant_id, created_at);

-- Where each agent's chain stands (updated with every stored batch, row-locked so one agent is ingested
-- in order even with several consumers).
CREATE TABLE audit_chain_state (
    tenant_id   uuid NOT NULL,
    agent_id    text NOT NULL,
    epoch       bigint NOT NULL,
    seq         bigint NOT NULL,
    hash        text NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, agent_id)
);

-- Sequence gaps the ingest saw (missing batches), for alerts and the verify endpoint.
CREATE TABLE audit_gaps (
    tenant_id    uuid NOT NULL,
    agent_id     text NOT NULL,
    epoch        bigint NOT NULL,
    from_seq     bigint NOT NULL,
    to_seq       bigint NOT NULL,
    detected_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, agent_id, epoch, from_seq)
);

-- One row per audited call, range-partitioned by day on the call's time. Partitions are created ahead by
-- gh_audit_ensure_partitions; the default partition catches outliers (clock skew) so nothing is refused.
CREATE SEQUENCE audit_event_id_seq;
CREATE TABLE audit_events (
    event_id           bigint NOT NULL DEFAULT nextval('audit_event_id_seq'),
    tenant_id          uuid NOT NULL,
    time               timestamptz NOT NULL,
    agent_id           text NOT NULL,
    epoch              bigint NOT NULL,
    seq                bigint NOT NULL,
    idx                integer NOT NULL,
    record_id          text NOT NULL,
    principal_subject  text,
    principal_issuer   text,
    client_id          text,
    server             text NOT NULL,
    method             text NOT NULL,
    tool               text,
    argument_digest    text,
    redacted_arguments jsonb,
    decision           text NOT NULL,
    rule_id            text,
    reason             text NOT NULL,
    bundle_version     bigint NOT NULL,
    latency_micros     bigint NOT NULL,
    upstream_status    integer,
    findings           jsonb NOT NULL DEFAULT '[]',
    PRIMARY KEY (tenant_id, time, event_id)
) PARTITION BY RANGE (time);
CREATE INDEX ix_audit_events_id ON audit_events (event_id);
CREATE INDEX ix_audit_events_batch ON audit_events (tenant_id, agent_id, epoch, seq);
CREATE TABLE audit_events_default PARTITION OF audit_events DEFAULT;

-- Per-tenant retention in days (absent: the control plane's default).
CREATE TABLE audit_retention (
    tenant_id  uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
    days       integer NOT NULL CHECK (days BETWEEN 1 AND 3650)
);

-- Alerts: webhooks (HMAC secret kept to sign deliveries), raised events, every delivery attempt.
CREATE TABLE alert_webhooks (
    id           uuid PRIMARY KEY,
    tenant_id    uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    version      bigint NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    url          text NOT NULL,
    events       text NOT NULL,
    secret       text NOT NULL,
    enabled      boolean NOT NULL,
    description  text
);
CREATE INDEX ix_alert_webhooks_page ON alert_webhooks (tenant_id, created_at, id);

CREATE TABLE alert_events (
    id          uuid PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    type        text NOT NULL,
    payload     jsonb NOT NULL,
    created_at  timestamptz NOT NULL
);
CREATE INDEX ix_alert_events_time ON alert_events (tenant_id, created_at);

CREATE TABLE alert_deliveries (
    id           uuid PRIMARY KEY,
    tenant_id    uuid NOT NULL,
    webhook_id   uuid NOT NULL REFERENCES alert_webhooks (id) ON DELETE CASCADE,
    event_id     uuid NOT NULL REFERENCES alert_events (id) ON DELETE CASCADE,
    attempt      integer NOT NULL,
    status_code  integer,
    error        text,
    succeeded    boolean NOT NULL,
    created_at   timestamptz NOT NULL
);
CREATE INDEX ix_alert_deliveries_webhook ON alert_deliveries (tenant_id, webhook_id, created_at);

-- Row-level security, forced, as for every tenant-owned table; the definer policies let the SECURITY DEFINER
-- maintenance functions below (owned by the migration role) work across tenants.
ALTER TABLE audit_agent_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_agent_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_agent_keys
    USING (tenant_id = gh_current_tenant()) WITH CHECK (tenant_id = gh_current_tenant());
ALTER TABLE audit_batches ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_batches FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_batches
    USING (tenant_id = gh_current_tenant()) WITH CHECK (tenant_id = gh_current_tenant());
CREATE POLICY definer_access ON audit_batches TO CURRENT_USER USING (true) WITH CHECK (true);
ALTER TABLE audit_chain_state ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_chain_state FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_chain_state
    USING (tenant_id = gh_current_tenant()) WITH CHECK (tenant_id = gh_current_tenant());
ALTER TABLE audit_gaps ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_gaps FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_gaps
    USING (tenant_id = gh_current_tenant()) WITH CHECK (tenant_id = gh_current_tenant());
ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_events
    USING (tenant_id = gh_current_tenant()) WITH CHECK (tenant_id = gh_current_tenant());
CREATE POLICY definer_access ON audit_events TO CURRENT_USER USING (true) WITH CHECK (true);
ALTER TABLE audit_retention ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_retention FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_retention
    USING (tenant_id = gh_current_tenant()) WITH CHECK (tenant_id = gh_current_tenant());
CREATE POLICY definer_access ON audit_retention TO CURRENT_USER USING (true) WITH CHECK (true);
ALTER TABLE alert_webhooks ENABLE ROW LEVEL SECURITY;
ALTER TABLE alert_webhooks FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON alert_webhooks
    USING (tenant_id = gh_current_tenant()) WITH CHECK (tenant_id = gh_current_tenant());
ALTER TABLE alert_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE alert_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON alert_events
    USING (tenant_id = gh_current_tenant()) WITH CHECK (tenant_id = gh_current_tenant());
ALTER TABLE alert_deliveries ENABLE ROW LEVEL SECURITY;
ALTER TABLE alert_deliveries FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON alert_deliveries
    USING (tenant_id = gh_current_tenant()) WITH CHECK (tenant_id = gh_current_tenant());
-- the ingest subscribes to every tenant's audit topic: the definer function below may list tenant ids
CREATE POLICY audit_definer_read ON tenants FOR SELECT TO CURRENT_USER USING (true);

-- Daily partitions [day, day+1) UTC for p_days days from p_from; existing ones are kept. A range that the
-- default partition already holds rows for is skipped (with a warning) rather than failing the run.
CREATE FUNCTION gh_audit_ensure_partitions(p_from date, p_days integer)
    RETURNS integer
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
    AS $$
    DECLARE
        d date;
        part text;
        created integer := 0;
    BEGIN
        IF p_days < 1 OR p_days > 366 THEN
            RAISE EXCEPTION 'p_days: % (expected: 1..366)', p_days;
        END IF;
        FOR i IN 0 .. p_days - 1 LOOP
            d := p_from + i;
            part := 'audit_events_' || to_char(d, 'YYYYMMDD');
            IF to_regclass(part) IS NULL THEN
                BEGIN
                    EXECUTE format('CREATE TABLE %I PARTITION OF audit_events FOR VALUES FROM (%L) TO (%L)',
                        part, d::timestamp AT TIME ZONE 'UTC', (d + 1)::timestamp AT TIME ZONE 'UTC');
                    created := created + 1;
                EXCEPTION WHEN check_violation THEN
                    RAISE WARNING 'audit partition % not created: the default partition holds rows for it', part;
                END;
            END IF;
        END LOOP;
        RETURN created;
    END
    $$;

-- Retention: whole day partitions older than the longest retention any tenant has are dropped; rows older
-- than their own tenant's (shorter) retention are deleted. Returns the number of deleted rows (dropped
-- partitions not counted).
CREATE FUNCTION gh_audit_apply_retention(p_default_days integer)
    RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
    AS $$
    DECLARE
        longest integer;
        part record;
        deleted bigint := 0;
        n bigint;
    BEGIN
        IF p_default_days < 1 THEN
            RAISE EXCEPTION 'p_default_days: % (expected: >= 1)', p_default_days;
        END IF;
        SELECT greatest(p_default_days, coalesce(max(days), 0)) INTO longest FROM audit_retention;
        FOR part IN
            SELECT c.relname FROM pg_inherits i
              JOIN pg_class c ON c.oid = i.inhrelid
             WHERE i.inhparent = 'audit_events'::regclass
               AND c.relname ~ '^audit_events_[0-9]{8}$'
               AND to_date(substring(c.relname from 14), 'YYYYMMDD') + 1
                   <= (now() AT TIME ZONE 'UTC')::date - longest
        LOOP
            EXECUTE format('DROP TABLE %I', part.relname);
        END LOOP;
        WITH tenant_days AS (
            SELECT b.tenant_id, coalesce(r.days, p_default_days) AS days
              FROM (SELECT DISTINCT tenant_id FROM audit_batches) b
              LEFT JOIN audit_retention r ON r.tenant_id = b.tenant_id
        )
        DELETE FROM audit_events e USING tenant_days t
         WHERE e.tenant_id = t.tenant_id AND e.time < now() - make_interval(days => t.days);
        GET DIAGNOSTICS n = ROW_COUNT;
        deleted := deleted + n;
        WITH tenant_days AS (
            SELECT b.tenant_id, coalesce(r.days, p_default_days) AS days
              FROM (SELECT DISTINCT tenant_id FROM audit_batches) b
              LEFT JOIN audit_retention r ON r.tenant_id = b.tenant_id
        )
        DELETE FROM audit_batches a USING tenant_days t
         WHERE a.tenant_id = t.tenant_id AND a.created_at < now() - make_interval(days => t.days);
        RETURN deleted;
    END
    $$;

CREATE FUNCTION gh_audit_tenants()
    RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
    AS $$ SELECT id FROM tenants $$;

REVOKE ALL ON FUNCTION gh_audit_ensure_partitions(date, integer), gh_audit_apply_retention(integer),
    gh_audit_tenants() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gh_audit_ensure_partitions(date, integer), gh_audit_apply_retention(integer),
    gh_audit_tenants() TO ${appRole};

GRANT SELECT, INSERT, DELETE ON audit_agent_keys TO ${appRole};
GRANT SELECT, INSERT ON audit_batches, audit_events, audit_gaps TO ${appRole};
GRANT SELECT, INSERT, UPDATE ON audit_chain_state TO ${appRole};
GRANT SELECT, INSERT, UPDATE, DELETE ON audit_retention TO ${appRole};
GRANT USAGE ON SEQUENCE audit_event_id_seq TO ${appRole};
GRANT SELECT, INSERT, UPDATE, DELETE ON alert_webhooks TO ${appRole};
GRANT SELECT, INSERT ON alert_events, alert_deliveries TO ${appRole};

SELECT gh_audit_ensure_partitions((now() AT TIME ZONE 'UTC')::date - 1, 9);
