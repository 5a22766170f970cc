-- The catalogue of products and services, shared by sales, purchasing and (later) inventory.

CREATE TABLE products (
  company_id uuid NOT NULL REFERENCES companies (id),
  id uuid NOT NULL,
  sku text NOT NULL CHECK (sku ~ '^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$'),
  kind text NOT NULL CHECK (kind IN ('stockable', 'consumable', 'service')),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  name_es text CHECK (length(name_es) BETWEEN 1 AND 200),
  description text CHECK (length(description) <= 2000),
  -- UN/ECE Recommendation 20 unit code (C62 one, H87 piece, KGM kilogram, HUR hour…), what e-invoices carry.
  unit text NOT NULL CHECK (unit ~ '^[A-Z0-9]{2,3}$'),
  -- GTIN (EAN-13, EAN-8, UPC-A, GTIN-14) with a valid check digit, checked by the service.
  barcode text CHECK (barcode ~ '^[0-9]{8,14}$'),
  sales_price numeric(20, 6) CHECK (sales_price >= 0),
  purchase_price numeric(20, 6) CHECK (purchase_price >= 0),
  currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  income_account_id uuid,
  expense_account_id uuid,
  search_text text NOT NULL,
  archived_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  UNIQUE (company_id, sku),
  FOREIGN KEY (company_id, income_account_id) REFERENCES accounts (company_id, id),
  FOREIGN KEY (company_id, expense_account_id) REFERENCES accounts (company_id, id)
);
CREATE UNIQUE INDEX products_barcode_key ON products (company_id, barcode) WHERE barcode IS NOT NULL;
CREATE INDEX products_name_idx ON products (company_id, name, id);

-- The taxes a product carries by default, on each side.
CREATE TABLE product_tax_codes (
  company_id uuid NOT NULL,
  product_id uuid NOT NULL,
  side text NOT NULL CHECK (side IN ('sales', 'purchases')),
  position integer NOT NULL CHECK (position >= 0),
  tax_code_id uuid NOT NULL,
  PRIMARY KEY (company_id, product_id, side, position),
  UNIQUE (company_id, product_id, side, tax_code_id),
  FOREIGN KEY (company_id, product_id) REFERENCES products (company_id, id),
  FOREIGN KEY (company_id, tax_code_id) REFERENCES tax_codes (company_id, id)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['products', 'product_tax_codes'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (company_id = current_company_id())'
                   ' WITH CHECK (company_id = current_company_id())', t);
  END LOOP;
END
$$;
