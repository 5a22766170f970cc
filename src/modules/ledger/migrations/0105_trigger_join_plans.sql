-- The statement-level ledger triggers join the rows a statement wrote (a transition table: two lines for
-- a posting, a few thousand per batch of a journal import) to journal_entries. PostgreSQL plans those
-- joins with the statistics it has, and a bulk import runs in one transaction, where the table grows from
-- nothing to millions of rows without being analysed. Planned for a near-empty table, the join became a
-- hash join over a sequential scan of every entry: once per batch, so an import slowed down as it went
-- (a batch of 2,000 entries took 124 ms at first and 298 ms after 300,000). What these triggers need is
-- always the same: look up the few entries the statement touched by primary key. Nested loops over the
-- indexes say so whatever the statistics.
DO $$
DECLARE
  f text;
BEGIN
  FOREACH f IN ARRAY ARRAY['ledger_lines_inserted_guard()', 'ledger_balances_entries_posted()', 'ledger_balances_lines_changed()'] LOOP
    EXECUTE format('ALTER FUNCTION %s SET enable_hashjoin = off', f);
    EXECUTE format('ALTER FUNCTION %s SET enable_mergejoin = off', f);
    EXECUTE format('ALTER FUNCTION %s SET enable_seqscan = off', f);
  END LOOP;
END
$$;
