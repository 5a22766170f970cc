-- Fiscal years and the second lock date.
--
-- `ledger_settings.lock_date` stays the hard lock: nobody posts on or before it (the entry guard trigger
-- of 0100 enforces it in the database). `period_lock_date` is the softer, everyday lock: users who are not
-- admins of the company can't post on or before it, admins can (up to the hard lock). It depends on who
-- is acting, which the database doesn't know, so the ledger's services enforce it.
ALTER TABLE ledger_settings ADD COLUMN period_lock_date date;

-- A fiscal year is named by the calendar year it starts in. A row exists once a year has been closed or
-- opened as the year after a close; years without a row are open. Closing stores the closing entry (null
-- when the year had no income or expense to move), who closed it and when, and the hard lock date it
-- replaced, so reopening can put it back.
CREATE TABLE fiscal_years (
  company_id uuid NOT NULL REFERENCES companies (id),
  year integer NOT NULL CHECK (year BETWEEN 1900 AND 9999),
  start_date date NOT NULL,
  end_date date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  closing_entry_id uuid,
  closed_at timestamptz,
  closed_by uuid,
  closed_by_label text,
  lock_date_before_close date,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, year),
  FOREIGN KEY (company_id, closing_entry_id) REFERENCES journal_entries (company_id, id),
  CHECK (start_date < end_date),
  CHECK ((status = 'closed') = (closed_at IS NOT NULL)),
  CHECK (status = 'closed' OR closing_entry_id IS NULL)
);

ALTER TABLE fiscal_years ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON fiscal_years USING (company_id = current_company_id())
  WITH CHECK (company_id = current_company_id());
