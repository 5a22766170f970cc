-- Customers and suppliers (one party may be both), their addresses and contacts, and the company's
-- payment terms. See docs/parties.md.

CREATE TABLE payment_terms (
  company_id uuid NOT NULL REFERENCES companies (id),
  id uuid NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  -- [{"percent": "50.00", "days": 0}, …]: percentages add up to 100 (checked by the service).
  installments jsonb NOT NULL CHECK (jsonb_typeof(installments) = 'array' AND jsonb_array_length(installments) BETWEEN 1 AND 12),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  UNIQUE (company_id, name)
);

CREATE TABLE parties (
  company_id uuid NOT NULL REFERENCES companies (id),
  id uuid NOT NULL,
  is_customer boolean NOT NULL,
  is_supplier boolean NOT NULL,
  legal_name text NOT NULL CHECK (length(legal_name) BETWEEN 1 AND 200),
  trade_name text CHECK (length(trade_name) <= 200),
  tax_country char(2) CHECK (tax_country ~ '^[A-Z]{2}$'),
  tax_id text CHECK (tax_id ~ '^[A-Z0-9]{1,30}$'),
  email text CHECK (length(email) <= 254),
  phone text CHECK (length(phone) <= 40),
  website text CHECK (length(website) <= 300),
  language text NOT NULL CHECK (language IN ('en', 'es')),
  currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  payment_terms_id uuid,
  receivable_account_id uuid,
  payable_account_id uuid,
  income_account_id uuid,
  expense_account_id uuid,
  iban text CHECK (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{1,30}$'),
  bic text CHECK (bic ~ '^[A-Z0-9]{8}([A-Z0-9]{3})?$'),
  notes text CHECK (length(notes) <= 2000),
  -- Lower case without accents, for search; and the legal name without punctuation or legal form, for
  -- finding duplicates. Both written by the service.
  search_text text NOT NULL,
  name_key text NOT NULL,
  archived_at timestamptz,
  merged_into_id uuid,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  CHECK (is_customer OR is_supplier),
  CHECK ((tax_country IS NULL) = (tax_id IS NULL)),
  CHECK (merged_into_id IS NULL OR archived_at IS NOT NULL),
  FOREIGN KEY (company_id, payment_terms_id) REFERENCES payment_terms (company_id, id),
  FOREIGN KEY (company_id, receivable_account_id) REFERENCES accounts (company_id, id),
  FOREIGN KEY (company_id, payable_account_id) REFERENCES accounts (company_id, id),
  FOREIGN KEY (company_id, income_account_id) REFERENCES accounts (company_id, id),
  FOREIGN KEY (company_id, expense_account_id) REFERENCES accounts (company_id, id),
  FOREIGN KEY (company_id, merged_into_id) REFERENCES parties (company_id, id)
);
CREATE INDEX parties_name_idx ON parties (company_id, legal_name, id);
CREATE INDEX parties_tax_idx ON parties (company_id, tax_country, tax_id) WHERE tax_id IS NOT NULL;
CREATE INDEX parties_name_key_idx ON parties (company_id, name_key);

CREATE TABLE party_addresses (
  company_id uuid NOT NULL,
  party_id uuid NOT NULL,
  position integer NOT NULL CHECK (position >= 0),
  kind text NOT NULL CHECK (kind IN ('billing', 'shipping')),
  line1 text NOT NULL CHECK (length(line1) BETWEEN 1 AND 200),
  line2 text CHECK (length(line2) <= 200),
  city text NOT NULL CHECK (length(city) BETWEEN 1 AND 100),
  postal_code text CHECK (length(postal_code) <= 20),
  region text CHECK (length(region) <= 100),
  country char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  PRIMARY KEY (company_id, party_id, position),
  FOREIGN KEY (company_id, party_id) REFERENCES parties (company_id, id)
);

CREATE TABLE party_contacts (
  company_id uuid NOT NULL,
  party_id uuid NOT NULL,
  position integer NOT NULL CHECK (position >= 0),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  role text CHECK (length(role) <= 100),
  email text CHECK (length(email) <= 254),
  phone text CHECK (length(phone) <= 40),
  PRIMARY KEY (company_id, party_id, position),
  FOREIGN KEY (company_id, party_id) REFERENCES parties (company_id, id)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['payment_terms', 'parties', 'party_addresses', 'party_contacts'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (company_id = current_company_id())'
                   ' WITH CHECK (company_id = current_company_id())', t);
  END LOOP;
END
$$;

-- Companies that exist already get the standard terms new companies get at creation.
INSERT INTO payment_terms (company_id, id, name, installments)
SELECT c.id, gen_random_uuid(), t.name, t.installments::jsonb
  FROM companies c
 CROSS JOIN (VALUES
   ('Immediate', '[{"percent": "100.00", "days": 0}]'),
   ('30 days', '[{"percent": "100.00", "days": 30}]'),
   ('60 days', '[{"percent": "100.00", "days": 60}]'),
   ('50% now, 50% in 60 days', '[{"percent": "50.00", "days": 0}, {"percent": "50.00", "days": 60}]')
 ) AS t (name, installments);
