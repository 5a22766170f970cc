import { appendAudit } from '../../platform/audit/append.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { loadBooks, resolveLines } from './entry-lines.ts';
import { type Entry, loadEntry } from './entry-model.ts';
import { findJournal, insertDraft, type PostEntryInput, postEntryInput } from './post-entry.ts';
import { validate } from './validate.ts';

/** Saves an entry as a draft: each line must be valid, but the entry need not balance until it is posted. */
export function createDraftEntry(ctx: ServiceContext, raw: PostEntryInput): Promise<Entry> {
  const input = validate(postEntryInput, raw);
  return ctx.db.tenant(ctx.companyId, async (tx) => {
    const books = await loadBooks(tx, ctx.companyId);
    const journal = await findJournal(tx, ctx.companyId, input.journalCode);
    const lines = await resolveLines(tx, ctx.companyId, books, input.lines);
    const id = await insertDraft(tx, ctx.companyId, books, { ...input, journalId: journal.id }, lines);
    const entry = (await loadEntry(tx, ctx.companyId, id)) as Entry;
    await appendAudit(tx, ctx.companyId, ctx.actor, {
      action: 'ledger.entry.drafted',
      entityType: 'journal_entry',
      entityId: id,
      after: entry,
    });
    return entry;
  });
}
