-- Unrealized FX revaluation.
--
-- A revaluation changes only the base-currency value of what an account holds in a foreign currency, never
-- the foreign amount. Its line on the revalued account is therefore a base-currency line (currency = the
-- base currency, amount_currency = its own debit or credit): it moves the account's base balance by the
-- difference and leaves the sum of the account's USD (say) amounts exactly as it was. What such a line
-- cannot say by itself is which foreign holding it revalues (an account may hold USD and GBP); this table
-- says it, for the revaluation entry and for its automatic reversal, so the next revaluation counts the
-- earlier ones in the holding's current base value. It also keeps the figures the difference came from.
CREATE TABLE fx_revaluation_lines (
  company_id uuid NOT NULL REFERENCES companies (id),
  entry_id uuid NOT NULL,
  line_no integer NOT NULL,
  account_id uuid NOT NULL,
  currency text NOT NULL CHECK (length(currency) BETWEEN 1 AND 40 AND currency !~ '[[:cntrl:]"]'),
  foreign_balance numeric(30, 10) NOT NULL,
  rate numeric(30, 10) NOT NULL CHECK (rate > 0),
  PRIMARY KEY (company_id, entry_id, line_no),
  FOREIGN KEY (company_id, entry_id, line_no) REFERENCES journal_lines (company_id, entry_id, line_no),
  FOREIGN KEY (company_id, account_id) REFERENCES accounts (company_id, id)
);
CREATE INDEX fx_revaluation_lines_holding_idx ON fx_revaluation_lines (company_id, account_id, currency);

-- Like the lines they describe, these rows are history: written once, with their entry.
CREATE FUNCTION fx_revaluation_line_guard() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'revaluation lines cannot be changed (% refused); reverse the entry instead', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER fx_revaluation_lines_guard BEFORE UPDATE OR DELETE ON fx_revaluation_lines
  FOR EACH ROW EXECUTE FUNCTION fx_revaluation_line_guard();

ALTER TABLE fx_revaluation_lines ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON fx_revaluation_lines USING (company_id = current_company_id())
  WITH CHECK (company_id = current_company_id());
