-- Platform kernel: companies, users, memberships, sessions, API tokens, audit trail, idempotency,
-- jobs and the outbox. Runs unchanged on PGlite and PostgreSQL 15+.

-- The unprivileged role every tenant transaction switches to, so Row Level Security applies.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'trastienda_app') THEN
    CREATE ROLE trastienda_app NOLOGIN;
  END IF;
END
$$;

CREATE FUNCTION current_company_id() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('app.company_id', true), '')::uuid $$;

-- Installation-wide (reference) tables ------------------------------------------------------------

CREATE TABLE companies (
  id uuid PRIMARY KEY,
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  legal_name text,
  tax_id text,
  address text,
  base_currency char(3) NOT NULL CHECK (base_currency ~ '^[A-Z]{3}$'),
  country char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  fiscal_year_start_month smallint NOT NULL DEFAULT 1 CHECK (fiscal_year_start_month BETWEEN 1 AND 12),
  locale text NOT NULL DEFAULT 'en' CHECK (locale IN ('en', 'es')),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id uuid PRIMARY KEY,
  email text NOT NULL,
  name text NOT NULL,
  password_hash text NOT NULL,
  locale text NOT NULL DEFAULT 'en' CHECK (locale IN ('en', 'es')),
  totp_secret text,
  totp_enabled_at timestamptz,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE sessions (
  id text PRIMARY KEY,                 -- sha256 of the cookie value; the value itself is never stored
  user_id uuid NOT NULL REFERENCES users (id),
  current_company uuid NOT NULL REFERENCES companies (id),
  csrf_token text NOT NULL,
  user_agent text,
  ip text,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- Tenant tables: company_id leads every primary and foreign key ------------------------------------

CREATE TABLE memberships (
  company_id uuid NOT NULL REFERENCES companies (id),
  user_id uuid NOT NULL REFERENCES users (id),
  roles text[] NOT NULL CHECK (cardinality(roles) > 0),
  deactivated_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, user_id)
);
CREATE INDEX memberships_user_idx ON memberships (user_id);

CREATE TABLE api_tokens (
  company_id uuid NOT NULL,
  id uuid NOT NULL,
  user_id uuid NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  token_hash text NOT NULL,
  prefix text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  expires_at timestamptz,
  revoked_at timestamptz,
  PRIMARY KEY (company_id, id),
  FOREIGN KEY (company_id, user_id) REFERENCES memberships (company_id, user_id)
);
CREATE UNIQUE INDEX api_tokens_hash_key ON api_tokens (company_id, token_hash);
CREATE INDEX api_tokens_hash_idx ON api_tokens (token_hash);

CREATE TABLE audit_events (
  company_id uuid NOT NULL REFERENCES companies (id),
  seq bigint NOT NULL,
  id uuid NOT NULL,
  occurred_at timestamptz NOT NULL,
  actor_id uuid,
  actor_label text NOT NULL,
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text,
  before jsonb,
  after jsonb,
  request_id text,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  PRIMARY KEY (company_id, seq)
);
CREATE INDEX audit_events_entity_idx ON audit_events (company_id, entity_type, entity_id);
CREATE INDEX audit_events_time_idx ON audit_events (company_id, occurred_at);

-- The head of each company's chain; locking it serializes appends so the chain stays linear.
CREATE TABLE audit_heads (
  company_id uuid NOT NULL REFERENCES companies (id),
  last_seq bigint NOT NULL DEFAULT 0,
  last_hash text NOT NULL,
  PRIMARY KEY (company_id)
);

CREATE FUNCTION audit_events_append_only() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit events are append-only (% refused)', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

CREATE TABLE idempotency_keys (
  company_id uuid NOT NULL REFERENCES companies (id),
  user_id uuid NOT NULL,
  key text NOT NULL,
  method text NOT NULL,
  path text NOT NULL,
  request_hash text NOT NULL,
  status_code integer,
  response_body text,
  response_type text,
  created_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz,
  PRIMARY KEY (company_id, user_id, key)
);

CREATE TABLE jobs (
  company_id uuid NOT NULL REFERENCES companies (id),
  id uuid NOT NULL,
  name text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'queued'
    CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  progress_message text,
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 3 CHECK (max_attempts >= 1),
  run_after timestamptz NOT NULL DEFAULT now(),
  locked_by text,
  locked_until timestamptz,
  result jsonb,
  last_error text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz,
  PRIMARY KEY (company_id, id)
);
CREATE INDEX jobs_ready_idx ON jobs (run_after) WHERE status IN ('queued', 'running');
CREATE INDEX jobs_company_created_idx ON jobs (company_id, created_at DESC);

CREATE TABLE outbox_events (
  company_id uuid NOT NULL REFERENCES companies (id),
  id uuid NOT NULL,
  type text NOT NULL,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  dispatched_at timestamptz,
  PRIMARY KEY (company_id, id)
);
CREATE INDEX outbox_pending_idx ON outbox_events (created_at) WHERE dispatched_at IS NULL;

-- Row Level Security: the backstop behind the application's own company filters.
ALTER TABLE companies ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON companies USING (id = current_company_id());
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['memberships', 'api_tokens', 'audit_events', 'audit_heads',
                           'idempotency_keys', 'jobs', 'outbox_events'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (company_id = current_company_id())'
                   ' WITH CHECK (company_id = current_company_id())', t);
  END LOOP;
END
$$;
