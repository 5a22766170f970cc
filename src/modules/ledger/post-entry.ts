import { z } from 'zod';
import type { Actor } from '../../platform/audit/actor.ts';
import { appendAudit } from '../../platform/audit/append.ts';
import type { ServiceContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import {
  assertBalanced,
  assertOpenPeriod,
  type Books,
  entryHeader,
  fiscalYearOf,
  insertLines,
  lineInput,
  loadBooksForPosting,
  numberAndPost,
  type ResolvedLine,
  resolveLines,
} from './entry-lines.ts';
import { type Entry, type EntryPurpose, loadEntry } from './entry-model.ts';
import { validate } from './validate.ts';

export const postEntryInput = z.strictObject({ ...entryHeader, lines: z.array(lineInput).min(1).max(1000) });
export type PostEntryInput = z.input<typeof postEntryInput>;

export async function findJournal(tx: Tx, companyId: string, code: string): Promise<{ id: string }> {
  const [journal] = await tx.query<{ id: string }>('SELECT id FROM journals WHERE company_id = $1 AND code = $2', [companyId, code]);
  if (!journal) {
    throw new AppError('VALIDATION_FAILED', `There is no journal ${code}`, [
      { path: 'journalCode', message: 'is not a journal of this company' },
    ]);
  }
  return journal;
}

/** Inserts an entry as a draft with its lines; returns its id. */
export async function insertDraft(
  tx: Tx,
  companyId: string,
  books: Books,
  header: {
    journalId: string;
    date: string;
    memo?: string | undefined;
    reference?: string | undefined;
    reversalOf?: string;
    purpose?: EntryPurpose;
  },
  lines: readonly ResolvedLine[],
): Promise<string> {
  const id = newId();
  await tx.query(
    `INSERT INTO journal_entries (company_id, id, journal_id, fiscal_year, date, memo, reference, reversal_of, purpose)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      companyId,
      id,
      header.journalId,
      fiscalYearOf(header.date, books.fiscalYearStartMonth),
      header.date,
      header.memo ?? null,
      header.reference ?? null,
      header.reversalOf ?? null,
      header.purpose ?? 'normal',
    ],
  );
  if (lines.length > 0) await insertLines(tx, companyId, books, id, lines);
  return id;
}

/**
 * Posts a balanced entry inside the caller's transaction: the function other modules call so that their
 * document and its accounting commit together. Refuses (VALIDATION_FAILED with field errors) unknown or
 * archived accounts (archived ones are allowed only to entries that empty them, such as a year's closing), unknown journals and unbalanced lines; refuses (INVALID_STATE) dates in a locked period.
 */
export async function postEntry(
  tx: Tx,
  companyId: string,
  actor: Actor,
  raw: PostEntryInput,
  options: { purpose?: EntryPurpose; allowArchived?: boolean } = {},
): Promise<Entry> {
  const input = validate(postEntryInput, raw);
  const books = await loadBooksForPosting(tx, companyId, actor);
  const journal = await findJournal(tx, companyId, input.journalCode);
  const lines = await resolveLines(tx, companyId, books, input.lines, { allowArchived: options.allowArchived ?? false });
  assertBalanced(lines);
  assertOpenPeriod(input.date, books);
  const id = await insertDraft(tx, companyId, books, { ...input, journalId: journal.id, purpose: options.purpose ?? 'normal' }, lines);
  // Read back before numbering: from numbering to commit the journal's sequence is locked (numberAndPost).
  const draft = (await loadEntry(tx, companyId, id)) as Entry;
  const posted = await numberAndPost(tx, companyId, id, journal.id, fiscalYearOf(input.date, books.fiscalYearStartMonth));
  const entry: Entry = { ...draft, ...posted, status: 'posted' };
  await appendAudit(tx, companyId, actor, { action: 'ledger.entry.posted', entityType: 'journal_entry', entityId: id, after: entry });
  return entry;
}

/** `postEntry` in a transaction of its own. */
export function postNewEntry(ctx: ServiceContext, input: PostEntryInput): Promise<Entry> {
  return ctx.db.tenant(ctx.companyId, (tx) => postEntry(tx, ctx.companyId, ctx.actor, input));
}
