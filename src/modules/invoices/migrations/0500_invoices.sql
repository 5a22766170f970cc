-- Sales invoices: drafts, then issued invoices that are numbered gaplessly per series and year, posted to
-- the ledger, and never changed again.

CREATE TABLE invoices (
  company_id uuid NOT NULL REFERENCES companies (id),
  id uuid NOT NULL,
  series text NOT NULL CHECK (series ~ '^[A-Z0-9]{1,10}$'),
  fiscal_year integer,
  number integer CHECK (number > 0),
  status text NOT NULL CHECK (status IN ('draft', 'issued')),
  party_id uuid NOT NULL,
  party_name text,
  party_tax_id text,
  issue_date date NOT NULL,
  due_date date NOT NULL,
  currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  rate numeric(30, 10) CHECK (rate > 0),
  notes text CHECK (length(notes) <= 2000),
  -- The computed figures, kept as they were computed (on every save of a draft, and fixed on issue).
  net numeric(20, 4) NOT NULL,
  tax numeric(20, 4) NOT NULL,
  withholding numeric(20, 4) NOT NULL,
  total numeric(20, 4) NOT NULL,
  taxes jsonb NOT NULL,
  entry_id uuid,
  issued_at timestamptz,
  search_text text NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  UNIQUE (company_id, series, fiscal_year, number),
  CHECK ((status = 'issued') = (number IS NOT NULL AND fiscal_year IS NOT NULL AND entry_id IS NOT NULL AND issued_at IS NOT NULL)),
  CHECK (due_date >= issue_date),
  FOREIGN KEY (company_id, party_id) REFERENCES parties (company_id, id),
  FOREIGN KEY (company_id, entry_id) REFERENCES journal_entries (company_id, id)
);
CREATE INDEX invoices_date_idx ON invoices (company_id, issue_date DESC, id DESC);

CREATE TABLE invoice_lines (
  company_id uuid NOT NULL,
  invoice_id uuid NOT NULL,
  line_no integer NOT NULL CHECK (line_no > 0),
  product_id uuid,
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 1000),
  quantity numeric(20, 4) NOT NULL,
  unit_price numeric(20, 6) NOT NULL,
  discount_percent numeric(5, 2) NOT NULL DEFAULT 0 CHECK (discount_percent BETWEEN 0 AND 100),
  tax_code_ids uuid[] NOT NULL,
  income_account_id uuid,
  net numeric(20, 4) NOT NULL,
  taxes jsonb NOT NULL,
  PRIMARY KEY (company_id, invoice_id, line_no),
  FOREIGN KEY (company_id, invoice_id) REFERENCES invoices (company_id, id),
  FOREIGN KEY (company_id, product_id) REFERENCES products (company_id, id),
  FOREIGN KEY (company_id, income_account_id) REFERENCES accounts (company_id, id)
);

-- Gapless numbers: the row of a series and year is locked by the issuing transaction until it commits.
CREATE TABLE invoice_sequences (
  company_id uuid NOT NULL REFERENCES companies (id),
  series text NOT NULL,
  fiscal_year integer NOT NULL,
  last_number integer NOT NULL,
  PRIMARY KEY (company_id, series, fiscal_year)
);

-- An issued invoice and its lines never change and are never deleted: corrections are credit notes.
CREATE FUNCTION invoices_issued_guard() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'invoices' THEN
    IF OLD.status = 'issued' THEN
      RAISE EXCEPTION 'invoice % is issued and cannot be changed (% refused); credit it instead', OLD.id, TG_OP
        USING ERRCODE = 'insufficient_privilege';
    END IF;
  ELSIF EXISTS (SELECT 1 FROM invoices i WHERE i.company_id = OLD.company_id AND i.id = OLD.invoice_id AND i.status = 'issued') THEN
    RAISE EXCEPTION 'invoice % is issued; its lines cannot be changed (% refused)', OLD.invoice_id, TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END
$$;
CREATE TRIGGER invoices_issued_guard BEFORE UPDATE OR DELETE ON invoices FOR EACH ROW EXECUTE FUNCTION invoices_issued_guard();
CREATE TRIGGER invoice_lines_issued_guard BEFORE UPDATE OR DELETE ON invoice_lines FOR EACH ROW EXECUTE FUNCTION invoices_issued_guard();

CREATE FUNCTION invoice_lines_insert_guard() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM invoices i WHERE i.company_id = NEW.company_id AND i.id = NEW.invoice_id AND i.status = 'issued') THEN
    RAISE EXCEPTION 'invoice % is issued; no line can be added', NEW.invoice_id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER invoice_lines_insert_guard BEFORE INSERT ON invoice_lines FOR EACH ROW EXECUTE FUNCTION invoice_lines_insert_guard();

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['invoices', 'invoice_lines', 'invoice_sequences'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (company_id = current_company_id())'
                   ' WITH CHECK (company_id = current_company_id())', t);
  END LOOP;
END
$$;
