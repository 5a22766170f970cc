import { appendAudit } from '../../platform/audit/append.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { AppError, type FieldError, notFound } from '../../platform/errors.ts';
import { assertBalanced, assertOpenPeriod, loadBooksForPosting, numberAndPost } from './entry-lines.ts';
import { type Entry, loadEntry } from './entry-model.ts';
import { toUnits } from './money.ts';

/** Posts a draft: it must balance, use only active accounts and fall after the lock date. */
export function postDraftEntry(ctx: ServiceContext, id: string): Promise<Entry> {
  return ctx.db.tenant(ctx.companyId, async (tx) => {
    const [draft] = await tx.query<{ journal_id: string; fiscal_year: number; date: string; status: string }>(
      'SELECT journal_id, fiscal_year, date::text AS date, status FROM journal_entries WHERE company_id = $1 AND id = $2 FOR UPDATE',
      [ctx.companyId, id],
    );
    if (!draft) throw notFound('Journal entry');
    if (draft.status !== 'draft') throw new AppError('INVALID_STATE', 'This entry is already posted');
    const lines = await tx.query<{ line_no: number; debit: string; credit: string; code: string; archived: boolean }>(
      `SELECT l.line_no, l.debit, l.credit, a.code, a.archived_at IS NOT NULL AS archived
         FROM journal_lines l JOIN accounts a ON a.company_id = l.company_id AND a.id = l.account_id
        WHERE l.company_id = $1 AND l.entry_id = $2 ORDER BY l.line_no`,
      [ctx.companyId, id],
    );
    const archived: FieldError[] = lines
      .filter((l) => l.archived)
      .map((l) => ({ path: `lines.${l.line_no - 1}.accountId`, message: `account ${l.code} is archived` }));
    if (archived.length > 0) throw new AppError('VALIDATION_FAILED', 'Some lines use archived accounts', archived);
    assertBalanced(lines.map((l) => ({ debit: toUnits(l.debit), credit: toUnits(l.credit) })));
    assertOpenPeriod(draft.date, await loadBooksForPosting(tx, ctx.companyId, ctx.actor));
    const before = await loadEntry(tx, ctx.companyId, id);
    await numberAndPost(tx, ctx.companyId, id, draft.journal_id, draft.fiscal_year);
    const after = (await loadEntry(tx, ctx.companyId, id)) as Entry;
    await appendAudit(tx, ctx.companyId, ctx.actor, {
      action: 'ledger.entry.posted',
      entityType: 'journal_entry',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}
