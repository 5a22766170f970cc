import { z } from 'zod';
import { appendAudit } from '../../platform/audit/append.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { text } from '../../platform/http/schemas.ts';
import { assertOpenPeriod, fiscalYearOf, loadBooksForPosting, numberAndPost } from './entry-lines.ts';
import { type Entry, loadEntry } from './entry-model.ts';
import { insertDraft } from './post-entry.ts';
import { validate } from './validate.ts';

export const reverseEntryInput = z.strictObject({
  /** The reversal's date; the original's date when left out. */
  date: z.iso.date().optional(),
  memo: text(500).optional(),
});
export type ReverseEntryInput = z.input<typeof reverseEntryInput>;

/** Corrects a posted entry with a new posted entry that swaps every debit and credit, linked to it. */
export function reverseEntry(ctx: ServiceContext, id: string, raw: ReverseEntryInput = {}): Promise<Entry> {
  const input = validate(reverseEntryInput, raw);
  return ctx.db.tenant(ctx.companyId, async (tx) => {
    const [original] = await tx.query<{ journal_id: string; status: string }>(
      'SELECT journal_id, status FROM journal_entries WHERE company_id = $1 AND id = $2 FOR UPDATE',
      [ctx.companyId, id],
    );
    if (!original) throw notFound('Journal entry');
    const entry = (await loadEntry(tx, ctx.companyId, id)) as Entry;
    if (entry.status !== 'posted')
      throw new AppError('INVALID_STATE', 'Only a posted entry can be reversed; a draft can simply be changed');
    if (entry.reversedBy) throw new AppError('INVALID_STATE', 'This entry has already been reversed');
    const books = await loadBooksForPosting(tx, ctx.companyId, ctx.actor);
    const date = input.date ?? entry.date;
    assertOpenPeriod(date, books);
    const memo = input.memo ?? `Reversal of ${entry.journalCode} ${entry.fiscalYear}/${entry.number}`;
    const reversalId = await insertDraft(tx, ctx.companyId, books, { journalId: original.journal_id, date, memo, reversalOf: id }, []);
    // The mirror image of the original's lines, copied exactly (values keep their currency and decimals).
    await tx.query(
      `INSERT INTO journal_lines (company_id, entry_id, line_no, account_id, description, debit, credit, currency, amount_currency, rate,
                                 value_currency, cost_center, project, department)
       SELECT company_id, $3, line_no, account_id, description, credit, debit, currency, amount_currency, rate,
              value_currency, cost_center, project, department
         FROM journal_lines WHERE company_id = $1 AND entry_id = $2`,
      [ctx.companyId, id, reversalId],
    );
    await numberAndPost(tx, ctx.companyId, reversalId, original.journal_id, fiscalYearOf(date, books.fiscalYearStartMonth));
    const reversal = (await loadEntry(tx, ctx.companyId, reversalId)) as Entry;
    await appendAudit(tx, ctx.companyId, ctx.actor, {
      action: 'ledger.entry.reversed',
      entityType: 'journal_entry',
      entityId: reversalId,
      before: { reversalOf: id },
      after: reversal,
    });
    return reversal;
  });
}
