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
import type { Entry, EntryPurpose } from './entry-model.ts';
import { formatDecimal, formatRate, fromUnits, fromValueUnits, sumDecimals, toValueUnits } from './money.ts';
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
  const fiscalYear = fiscalYearOf(input.date, books.fiscalYearStartMonth);
  const posted = await numberAndPost(tx, companyId, id, journal.id, fiscalYear);
  // Built from what was written rather than read back: from numbering to commit the journal's sequence row
  // is locked (numberAndPost), so the fewer statements there, the more postings a journal takes per second.
  const entry: Entry = {
    id,
    journalCode: input.journalCode,
    fiscalYear,
    number: posted.number,
    date: input.date,
    memo: input.memo ?? null,
    reference: input.reference ?? null,
    status: 'posted',
    purpose: options.purpose ?? 'normal',
    reversalOf: null,
    reversedBy: null,
    postedAt: posted.postedAt,
    version: posted.version,
    totalDebit: sumDecimals(lines.map((l) => fromUnits(l.debit))),
    totalCredit: sumDecimals(lines.map((l) => fromUnits(l.credit))),
    lines: lines.map((l, i) => ({
      lineNo: i + 1,
      accountId: l.accountId,
      accountCode: l.accountCode,
      accountName: l.accountName,
      description: l.description,
      debit: formatDecimal(fromUnits(l.debit)),
      credit: formatDecimal(fromUnits(l.credit)),
      currency: l.currency,
      amountCurrency: formatDecimal(fromUnits(l.amountCurrency)),
      valueCurrency: books.baseCurrency,
      rate: formatRate(fromValueUnits(toValueUnits(l.rate))),
      costCenter: l.costCenter,
      project: l.project,
      department: l.department,
    })),
  };
  await appendAudit(tx, companyId, actor, { action: 'ledger.entry.posted', entityType: 'journal_entry', entityId: id, after: entry });
  return entry;
}

/** `postEntry` in a transaction of its own. */
export function postNewEntry(ctx: ServiceContext, input: PostEntryInput): Promise<Entry> {
  return ctx.db.tenant(ctx.companyId, (tx) => postEntry(tx, ctx.companyId, ctx.actor, input));
}
