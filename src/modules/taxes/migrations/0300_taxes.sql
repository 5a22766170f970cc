-- Tax codes (VAT rates, equivalence surcharges, withholdings) and how a company rounds them. The
-- arithmetic is in tax-engine.ts; documents keep the rate they were issued with, so a code's rate is
-- never changed once set: a new rate is a new code (the old one archived).

CREATE TABLE tax_codes (
  company_id uuid NOT NULL REFERENCES companies (id),
  id uuid NOT NULL,
  code text NOT NULL CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  name_es text CHECK (length(name_es) BETWEEN 1 AND 100),
  kind text NOT NULL CHECK (kind IN ('vat', 'surcharge', 'withholding')),
  -- EN 16931 VAT category (UNCL 5305) for VAT and surcharges; none for withholdings.
  category text CHECK (category IN ('S', 'Z', 'E', 'AE', 'K', 'G', 'O', 'L', 'M')),
  rate numeric(7, 4) NOT NULL CHECK (rate >= 0 AND rate <= 100),
  scope text NOT NULL CHECK (scope IN ('sales', 'purchases', 'both')),
  price_included boolean NOT NULL DEFAULT false,
  compound boolean NOT NULL DEFAULT false,
  reverse_charge boolean NOT NULL DEFAULT false,
  -- Why a document carries no tax (EN 16931 BT-120/121), for exempt, zero-rated and reverse-charge codes.
  exemption_code text CHECK (exemption_code ~ '^[A-Z0-9-]{1,30}$'),
  exemption_reason text CHECK (length(exemption_reason) <= 300),
  -- Where the tax is posted: on sales (output VAT payable, or withholding receivable), on purchases (input
  -- VAT recoverable, or withholding payable), and the output side a reverse charge self-assesses.
  sales_account_id uuid,
  purchases_account_id uuid,
  reverse_charge_account_id uuid,
  archived_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  UNIQUE (company_id, code),
  CHECK ((kind = 'withholding') = (category IS NULL)),
  CHECK (NOT (price_included AND (compound OR reverse_charge OR kind = 'withholding'))),
  CHECK (NOT (compound AND kind = 'withholding')),
  CHECK (NOT reverse_charge OR kind = 'vat'),
  FOREIGN KEY (company_id, sales_account_id) REFERENCES accounts (company_id, id),
  FOREIGN KEY (company_id, purchases_account_id) REFERENCES accounts (company_id, id),
  FOREIGN KEY (company_id, reverse_charge_account_id) REFERENCES accounts (company_id, id)
);

-- A code's rate and kind are what issued documents were computed with: they never change.
CREATE FUNCTION tax_codes_fixed_rate() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.rate <> OLD.rate OR NEW.kind <> OLD.kind OR NEW.price_included <> OLD.price_included OR NEW.compound <> OLD.compound
     OR NEW.reverse_charge <> OLD.reverse_charge THEN
    RAISE EXCEPTION 'tax code % keeps its rate and kind; add a new code instead', OLD.code
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER tax_codes_fixed_rate BEFORE UPDATE ON tax_codes FOR EACH ROW EXECUTE FUNCTION tax_codes_fixed_rate();

CREATE TABLE tax_settings (
  company_id uuid NOT NULL REFERENCES companies (id) PRIMARY KEY,
  rounding text NOT NULL CHECK (rounding IN ('line', 'document')),
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['tax_codes', 'tax_settings'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (company_id = current_company_id())'
                   ' WITH CHECK (company_id = current_company_id())', t);
  END LOOP;
END
$$;
