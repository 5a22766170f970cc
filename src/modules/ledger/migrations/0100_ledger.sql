-- General ledger: chart of accounts, journals, journal entries and their lines, gapless numbering and
-- the lock date. Amounts are numeric(20,4): exact decimals (never floats), summed exactly by SQL.
-- The invariants of a posted entry are enforced here, so even raw SQL cannot break them:
--   * a posted entry has >= 2 lines, each exactly one of debit/credit positive, and balances
--     (sum of debits = sum of credits in the base currency), checked at commit (deferred trigger);
--   * a posted entry and its lines can't be updated or deleted (corrections are reversals);
--   * lines can't be added to an entry already posted in an earlier transaction;
--   * an entry can't be posted dated on or before the company's lock date.

CREATE TABLE ledger_settings (
  company_id uuid NOT NULL REFERENCES companies (id),
  lock_date date,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id)
);

CREATE TABLE accounts (
  company_id uuid NOT NULL REFERENCES companies (id),
  id uuid NOT NULL,
  code text NOT NULL CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9._:-]{0,39}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  name_es text CHECK (length(name_es) BETWEEN 1 AND 200),
  type text NOT NULL CHECK (type IN ('asset', 'liability', 'equity', 'income', 'expense')),
  subtype text CHECK (subtype ~ '^[a-z][a-z_]{0,39}$'),
  parent_id uuid,
  archived_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  UNIQUE (company_id, code),
  FOREIGN KEY (company_id, parent_id) REFERENCES accounts (company_id, id)
);

CREATE TABLE journals (
  company_id uuid NOT NULL REFERENCES companies (id),
  id uuid NOT NULL,
  code text NOT NULL CHECK (code ~ '^[A-Z0-9][A-Z0-9_-]{0,19}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind text NOT NULL CHECK (kind IN ('general', 'sales', 'purchases', 'bank', 'payroll', 'opening')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  UNIQUE (company_id, code)
);

CREATE TABLE journal_entries (
  company_id uuid NOT NULL REFERENCES companies (id),
  id uuid NOT NULL,
  journal_id uuid NOT NULL,
  fiscal_year integer NOT NULL CHECK (fiscal_year BETWEEN 1900 AND 9999),
  number integer CHECK (number > 0),
  date date NOT NULL,
  memo text CHECK (length(memo) <= 500),
  reference text CHECK (length(reference) <= 100),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'posted')),
  reversal_of uuid,
  posted_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  FOREIGN KEY (company_id, journal_id) REFERENCES journals (company_id, id),
  FOREIGN KEY (company_id, reversal_of) REFERENCES journal_entries (company_id, id),
  UNIQUE (company_id, journal_id, fiscal_year, number),
  CHECK ((status = 'posted') = (number IS NOT NULL)),
  CHECK ((status = 'posted') = (posted_at IS NOT NULL))
);
CREATE INDEX journal_entries_date_idx ON journal_entries (company_id, date, id);
-- An entry is reversed at most once.
CREATE UNIQUE INDEX journal_entries_reversal_key ON journal_entries (company_id, reversal_of) WHERE reversal_of IS NOT NULL;

CREATE TABLE journal_lines (
  company_id uuid NOT NULL,
  entry_id uuid NOT NULL,
  line_no integer NOT NULL CHECK (line_no > 0),
  account_id uuid NOT NULL,
  description text CHECK (length(description) <= 500),
  debit numeric(20, 4) NOT NULL DEFAULT 0 CHECK (debit >= 0),
  credit numeric(20, 4) NOT NULL DEFAULT 0 CHECK (credit >= 0),
  currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  amount_currency numeric(20, 4) NOT NULL CHECK (amount_currency > 0),
  rate numeric(20, 10) NOT NULL DEFAULT 1 CHECK (rate > 0),
  PRIMARY KEY (company_id, entry_id, line_no),
  FOREIGN KEY (company_id, entry_id) REFERENCES journal_entries (company_id, id),
  FOREIGN KEY (company_id, account_id) REFERENCES accounts (company_id, id),
  CHECK ((debit > 0) <> (credit > 0))
);
CREATE INDEX journal_lines_account_idx ON journal_lines (company_id, account_id);

-- Gapless numbering per journal and fiscal year: the row is locked by the posting transaction.
CREATE TABLE entry_sequences (
  company_id uuid NOT NULL,
  journal_id uuid NOT NULL,
  fiscal_year integer NOT NULL,
  last_number integer NOT NULL DEFAULT 0,
  PRIMARY KEY (company_id, journal_id, fiscal_year),
  FOREIGN KEY (company_id, journal_id) REFERENCES journals (company_id, id)
);

-- Posted entries are immutable; a draft may change, including its transition to posted.
CREATE FUNCTION ledger_entry_guard() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  locked date;
  lock_set timestamptz;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'posted' THEN
    RAISE EXCEPTION 'journal entry % is posted and cannot be changed (% refused); reverse it instead', OLD.id, TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  IF NEW.status = 'posted' THEN
    IF TG_OP = 'UPDATE' THEN
      NEW.posted_at := now();
    END IF;
    SELECT s.lock_date, s.updated_at INTO locked, lock_set FROM ledger_settings s WHERE s.company_id = NEW.company_id;
    -- An entry posted before the lock was set (e.g. carried by a restore) is history, not a new posting.
    IF locked IS NOT NULL AND NEW.date <= locked AND NEW.posted_at >= lock_set THEN
      RAISE EXCEPTION 'journal entry % is dated % , on or before the lock date %', NEW.id, NEW.date, locked
        USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER journal_entries_guard BEFORE INSERT OR UPDATE OR DELETE ON journal_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_entry_guard();

-- Lines change only while their entry is a draft, or while it is being posted in this very transaction.
CREATE FUNCTION ledger_line_guard() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  e record;
BEGIN
  FOR e IN
    SELECT j.id, j.status, j.xmin::text::bigint AS written_by FROM journal_entries j
     WHERE (TG_OP <> 'INSERT' AND j.company_id = OLD.company_id AND j.id = OLD.entry_id)
        OR (TG_OP <> 'DELETE' AND j.company_id = NEW.company_id AND j.id = NEW.entry_id)
  LOOP
    IF e.status = 'posted' AND e.written_by <> txid_current() % 4294967296 THEN
      RAISE EXCEPTION 'journal entry % is posted; its lines cannot be changed (% refused)', e.id, TG_OP
        USING ERRCODE = 'insufficient_privilege';
    END IF;
  END LOOP;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER journal_lines_guard BEFORE INSERT OR UPDATE OR DELETE ON journal_lines
  FOR EACH ROW EXECUTE FUNCTION ledger_line_guard();

-- Checked at commit, once every line is in: a posted entry balances.
CREATE FUNCTION ledger_entry_balanced() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  n integer;
  bad integer;
  total_debit numeric;
  total_credit numeric;
BEGIN
  IF NEW.status <> 'posted' THEN
    RETURN NULL;
  END IF;
  SELECT count(*), count(*) FILTER (WHERE NOT ((l.debit > 0) <> (l.credit > 0))), coalesce(sum(l.debit), 0), coalesce(sum(l.credit), 0)
    INTO n, bad, total_debit, total_credit
    FROM journal_lines l WHERE l.company_id = NEW.company_id AND l.entry_id = NEW.id;
  IF n < 2 OR bad > 0 OR total_debit <> total_credit THEN
    RAISE EXCEPTION 'journal entry % does not balance (% lines, debits %, credits %)', NEW.id, n, total_debit, total_credit
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER journal_entries_balanced AFTER INSERT OR UPDATE ON journal_entries
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION ledger_entry_balanced();

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['ledger_settings', 'accounts', 'journals', 'journal_entries', 'journal_lines', 'entry_sequences'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (company_id = current_company_id())'
                   ' WITH CHECK (company_id = current_company_id())', t);
  END LOOP;
END
$$;
