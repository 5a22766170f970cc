import type { Actor } from '../../../platform/audit/actor.ts';
import { appendAudit } from '../../../platform/audit/append.ts';
import type { Tx } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/errors.ts';
import { assertOpenPeriod, loadBooksForPosting, numberAndPost } from '../entry-lines.ts';
import { type Entry, loadEntry } from '../entry-model.ts';
import { insertDraft } from '../post-entry.ts';

/**
 * Reverses a closing entry in the caller's transaction, on its own date. Unlike `reverseEntry` (which runs
 * its own transaction and makes an ordinary entry), the reversal keeps the purpose `closing`: reports that
 * leave closing entries out of a year's result must leave out its undoing too.
 */
export async function reverseClosingEntry(tx: Tx, companyId: string, actor: Actor, entryId: string): Promise<Entry> {
  const [original] = await tx.query<{ journal_id: string; fiscal_year: number; date: string; number: number | null }>(
    `SELECT journal_id, fiscal_year, date::text AS date, number FROM journal_entries
      WHERE company_id = $1 AND id = $2 AND status = 'posted' AND purpose = 'closing' FOR UPDATE`,
    [companyId, entryId],
  );
  if (!original) throw new AppError('INVALID_STATE', 'The closing entry is missing or not a posted closing entry');
  const books = await loadBooksForPosting(tx, companyId, actor);
  assertOpenPeriod(original.date, books);
  const reversalId = await insertDraft(
    tx,
    companyId,
    books,
    {
      journalId: original.journal_id,
      date: original.date,
      memo: `Reversal of the closing of fiscal year ${original.fiscal_year}`,
      reversalOf: entryId,
      purpose: 'closing',
    },
    [],
  );
  await tx.query(
    `INSERT INTO journal_lines (company_id, entry_id, line_no, account_id, description, debit, credit, currency, amount_currency, rate,
                               value_currency, cost_center, project, department)
     SELECT company_id, $3, line_no, account_id, description, credit, debit, currency, amount_currency, rate,
            value_currency, cost_center, project, department
       FROM journal_lines WHERE company_id = $1 AND entry_id = $2`,
    [companyId, entryId, reversalId],
  );
  await numberAndPost(tx, companyId, reversalId, original.journal_id, original.fiscal_year);
  const reversal = (await loadEntry(tx, companyId, reversalId)) as Entry;
  await appendAudit(tx, companyId, actor, {
    action: 'ledger.entry.reversed',
    entityType: 'journal_entry',
    entityId: reversalId,
    before: { reversalOf: entryId },
    after: reversal,
  });
  return reversal;
}
