-- Commodities, values, purposes and dimensions.
--
-- A line carries an amount of some commodity (`currency`: an ISO currency from the API, or any commodity a
-- plain-text journal names: "$", "ACME Corp", "hours", or "" for its bare numbers) and its value (`debit`/`credit`) in `value_currency`.
-- Lines posted through the API are valued in the company's base currency; an imported journal's line is
-- valued in its own commodity, or in its `@`/`@@` cost commodity. A posted entry balances per value
-- currency — hledger's rule, and for API entries exactly the old base-currency rule.
-- Quantities and values keep up to 10 decimals (journals price shares and crypto finer than cents).

ALTER TABLE journal_lines DISABLE TRIGGER journal_lines_guard;

ALTER TABLE journal_lines DROP CONSTRAINT journal_lines_currency_check;
ALTER TABLE journal_lines ALTER COLUMN currency TYPE text;
ALTER TABLE journal_lines ADD CONSTRAINT journal_lines_currency_check
  CHECK (length(currency) <= 40 AND currency !~ '[[:cntrl:]"]' AND currency = btrim(currency));

ALTER TABLE journal_lines ALTER COLUMN debit TYPE numeric(30, 10);
ALTER TABLE journal_lines ALTER COLUMN credit TYPE numeric(30, 10);
ALTER TABLE journal_lines ALTER COLUMN amount_currency TYPE numeric(30, 10);
-- hledger balances `0 EUR @@ $1` (a zero amount at a total price): the line is worth $1 and moves no EUR.
ALTER TABLE journal_lines DROP CONSTRAINT journal_lines_amount_currency_check;
ALTER TABLE journal_lines ADD CONSTRAINT journal_lines_amount_currency_check CHECK (amount_currency >= 0);
-- The rate is informative (value / amount); null when that quotient has no exact 10-decimal form.
ALTER TABLE journal_lines ALTER COLUMN rate TYPE numeric(30, 10);
ALTER TABLE journal_lines ALTER COLUMN rate DROP NOT NULL;
ALTER TABLE journal_lines ALTER COLUMN rate DROP DEFAULT;

ALTER TABLE journal_lines ADD COLUMN value_currency text;
UPDATE journal_lines l SET value_currency = c.base_currency FROM companies c WHERE c.id = l.company_id;
ALTER TABLE journal_lines ALTER COLUMN value_currency SET NOT NULL;
ALTER TABLE journal_lines ADD CONSTRAINT journal_lines_value_currency_check
  CHECK (length(value_currency) <= 40 AND value_currency !~ '[[:cntrl:]"]' AND value_currency = btrim(value_currency));

-- Analytic dimensions: free codes an accountant filters reports by.
ALTER TABLE journal_lines ADD COLUMN cost_center text CHECK (cost_center ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$');
ALTER TABLE journal_lines ADD COLUMN project text CHECK (project ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$');
ALTER TABLE journal_lines ADD COLUMN department text CHECK (department ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$');

ALTER TABLE journal_lines ENABLE TRIGGER journal_lines_guard;

CREATE INDEX journal_lines_entry_idx ON journal_lines (company_id, account_id, entry_id);

-- Why an entry exists: reports leave closing entries out of the profit and loss of the year they close.
ALTER TABLE journal_entries ADD COLUMN purpose text NOT NULL DEFAULT 'normal'
  CHECK (purpose IN ('normal', 'opening', 'closing', 'revaluation', 'import'));

-- Account codes may be plain-text account names ("Assets:Bank:Checking", "Expenses:Food and Drink"):
-- anything printable, no double space (hledger's separator), no leading or trailing space.
ALTER TABLE accounts DROP CONSTRAINT accounts_code_check;
ALTER TABLE accounts ADD CONSTRAINT accounts_code_check
  CHECK (length(code) BETWEEN 1 AND 200 AND code !~ '[[:cntrl:]]' AND position('  ' IN code) = 0 AND code = btrim(code));

-- Exchange rates and market prices: one unit of `commodity` is worth `rate` units of `quote`, from `date`.
CREATE TABLE exchange_rates (
  company_id uuid NOT NULL REFERENCES companies (id),
  commodity text NOT NULL CHECK (length(commodity) BETWEEN 1 AND 40 AND commodity !~ '[[:cntrl:]"]'),
  quote text NOT NULL CHECK (length(quote) BETWEEN 1 AND 40 AND quote !~ '[[:cntrl:]"]'),
  date date NOT NULL,
  rate numeric(30, 10) NOT NULL CHECK (rate > 0),
  source text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'csv', 'journal')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, commodity, quote, date),
  CHECK (commodity <> quote)
);

ALTER TABLE exchange_rates ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON exchange_rates USING (company_id = current_company_id())
  WITH CHECK (company_id = current_company_id());

-- A posted entry balances per value currency (checked at commit, once every line is in).
CREATE OR REPLACE FUNCTION ledger_entry_balanced() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  n integer;
  bad integer;
  unbalanced text;
BEGIN
  IF NEW.status <> 'posted' THEN
    RETURN NULL;
  END IF;
  SELECT count(*), count(*) FILTER (WHERE NOT ((l.debit > 0) <> (l.credit > 0)))
    INTO n, bad
    FROM journal_lines l WHERE l.company_id = NEW.company_id AND l.entry_id = NEW.id;
  SELECT string_agg(format('%s: debits %s, credits %s', t.value_currency, t.debit, t.credit), '; ')
    INTO unbalanced
    FROM (SELECT l.value_currency, sum(l.debit) AS debit, sum(l.credit) AS credit
            FROM journal_lines l WHERE l.company_id = NEW.company_id AND l.entry_id = NEW.id
           GROUP BY l.value_currency HAVING sum(l.debit) <> sum(l.credit)) t;
  IF n < 2 OR bad > 0 OR unbalanced IS NOT NULL THEN
    RAISE EXCEPTION 'journal entry % does not balance (% lines; %)', NEW.id, n, coalesce(unbalanced, 'each line needs one of debit or credit')
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END
$$;

-- The line guard, set-based for inserts: one check per statement over the entries the new lines belong to,
-- so a bulk import of a million lines costs one join per batch instead of a query per line. It runs as the
-- table owner (RLS would otherwise re-check the tenant policy on every entry it reads); it reads only the
-- entries that the statement's own lines name, whose company RLS already checked on the lines.
DROP TRIGGER journal_lines_guard ON journal_lines;
CREATE TRIGGER journal_lines_guard BEFORE UPDATE OR DELETE ON journal_lines
  FOR EACH ROW EXECUTE FUNCTION ledger_line_guard();

CREATE FUNCTION ledger_lines_inserted_guard() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  posted uuid;
BEGIN
  SELECT e.id INTO posted
    FROM (SELECT DISTINCT company_id, entry_id FROM new_lines) n
    JOIN journal_entries e ON e.company_id = n.company_id AND e.id = n.entry_id
   WHERE e.status = 'posted' AND e.xmin::text::bigint <> txid_current() % 4294967296
   LIMIT 1;
  IF posted IS NOT NULL THEN
    RAISE EXCEPTION 'journal entry % is posted; its lines cannot be changed (INSERT refused)', posted
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER journal_lines_insert_guard AFTER INSERT ON journal_lines
  REFERENCING NEW TABLE AS new_lines
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_lines_inserted_guard();

-- The balance check reads only the entry being committed; as the owner it skips the per-row policy check.
ALTER FUNCTION ledger_entry_balanced() SECURITY DEFINER SET search_path = public, pg_temp;
