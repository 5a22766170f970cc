import type { Actor } from '../../../platform/audit/actor.ts';
import { appendAudit } from '../../../platform/audit/append.ts';
import type { Tx } from '../../../platform/db/database.ts';
import { type Books, fiscalYearOf, numberAndPost } from '../entry-lines.ts';
import { type Entry, loadEntry } from '../entry-model.ts';
import { findJournal, insertDraft } from '../post-entry.ts';
import type { ClosingPreview } from './closing-plan.ts';

/**
 * Posts a year's closing entry as planned. Not through postEntry: that takes amounts of the API (4
 * decimals, active accounts), while a closing must empty balances exactly as they are — imported journals
 * keep 10 decimals — and also the accounts archived while they still had a balance. The plan already
 * passed every check closing makes; the database checks the balance again at commit.
 */
export async function postClosingEntry(tx: Tx, companyId: string, actor: Actor, books: Books, plan: ClosingPreview): Promise<Entry> {
  const journal = await findJournal(tx, companyId, plan.journalCode);
  const id = await insertDraft(
    tx,
    companyId,
    books,
    {
      journalId: journal.id,
      date: plan.date,
      memo: `Closing of fiscal year ${plan.year}`,
      reference: `FY${plan.year}`,
      purpose: 'closing',
    },
    [],
  );
  await tx.query(
    `INSERT INTO journal_lines (company_id, entry_id, value_currency, currency, rate, line_no, account_id, debit, credit, amount_currency)
     SELECT $1, $2, $3, $3, 1, u.line_no, u.account_id, u.debit, u.credit, greatest(u.debit, u.credit)
       FROM unnest($4::int[], $5::uuid[], $6::numeric[], $7::numeric[]) AS u (line_no, account_id, debit, credit)`,
    [
      companyId,
      id,
      books.baseCurrency,
      plan.lines.map((_, i) => i + 1),
      plan.lines.map((l) => l.accountId),
      plan.lines.map((l) => l.debit),
      plan.lines.map((l) => l.credit),
    ],
  );
  await numberAndPost(tx, companyId, id, journal.id, fiscalYearOf(plan.date, books.fiscalYearStartMonth));
  const entry = (await loadEntry(tx, companyId, id)) as Entry;
  await appendAudit(tx, companyId, actor, { action: 'ledger.entry.posted', entityType: 'journal_entry', entityId: id, after: entry });
  return entry;
}
