-- Credit notes: documents of their own that correct an issued invoice, line by line, and post its entry
-- the other way round. An invoice is never changed; what it has been credited is read from its notes.
ALTER TABLE invoices ADD COLUMN kind text NOT NULL DEFAULT 'invoice' CHECK (kind IN ('invoice', 'credit_note'));
ALTER TABLE invoices ADD COLUMN credited_invoice_id uuid;
ALTER TABLE invoices ADD COLUMN reason text CHECK (length(reason) BETWEEN 1 AND 500);
ALTER TABLE invoices ADD CONSTRAINT invoices_credited_invoice_fkey
  FOREIGN KEY (company_id, credited_invoice_id) REFERENCES invoices (company_id, id);
ALTER TABLE invoices ADD CONSTRAINT invoices_credit_note_link
  CHECK ((kind = 'credit_note') = (credited_invoice_id IS NOT NULL AND reason IS NOT NULL));
CREATE INDEX invoices_credited_idx ON invoices (company_id, credited_invoice_id) WHERE credited_invoice_id IS NOT NULL;

ALTER TABLE invoice_lines ADD COLUMN credited_line_no integer CHECK (credited_line_no > 0);
