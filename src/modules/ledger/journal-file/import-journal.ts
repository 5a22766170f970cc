import { appendAudit } from '../../../platform/audit/append.ts';
import type { ServiceContext } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { type Books, fiscalYearOf, loadBooks, loadBooksForPosting } from '../entry-lines.ts';
import type { Transaction } from '../plain-text/parse-journal.ts';
import { findJournal } from '../post-entry.ts';
import { type JournalSurvey, surveyJournal, transactionLines } from './check-journal.ts';
import { ensureJournalAccounts } from './journal-accounts.ts';
import type { JournalSource } from './journal-source.ts';

export interface ImportProgress {
  /** `checking`: the read-only first pass; `writing`: the second pass, inside the database transaction. */
  phase: 'checking' | 'writing';
  bytes: number;
  totalBytes: number;
}

export interface JournalImportResult {
  file: string;
  journalCode: string;
  transactions: number;
  entries: number;
  lines: number;
  skipped: number;
  accountsCreated: number;
  prices: number;
  firstDate: string | null;
  lastDate: string | null;
}

export interface ImportJournalOptions {
  /** The journal the entries go to (GEN by default). */
  journalCode?: string;
  onProgress?: (progress: ImportProgress) => void;
}

const BATCH = 2000;

/**
 * Imports a plain-text journal (or a CSV of postings) as posted entries, all or nothing: a first pass reads
 * the whole file and refuses it (JournalError `file:line: …`) before anything is written; a second pass
 * writes entries and lines in bulk inside one transaction. Memory holds one batch, the account names and the
 * market prices — never the file.
 */
export async function importJournal(
  ctx: ServiceContext,
  source: JournalSource,
  options: ImportJournalOptions = {},
): Promise<JournalImportResult> {
  const journalCode = options.journalCode ?? 'GEN';
  const report = (phase: ImportProgress['phase']) => (bytes: number) =>
    options.onProgress?.({ phase, bytes, totalBytes: source.totalBytes });
  const books = await ctx.db.tenant(ctx.companyId, async (tx) => {
    await findJournal(tx, ctx.companyId, journalCode);
    return loadBooks(tx, ctx.companyId, ctx.actor);
  });
  const lockDate = effectiveLockDate(books);
  const survey = await surveyJournal(source, { lockDate, fiscalYearStartMonth: books.fiscalYearStartMonth }, report('checking'));

  return ctx.db.tenant(ctx.companyId, async (tx) => {
    // The survey checked the dates against the locks as they were; they must still be those now that
    // this transaction holds them in place.
    const now = await loadBooksForPosting(tx, ctx.companyId, ctx.actor);
    if (effectiveLockDate(now) !== lockDate || now.fiscalYearStartMonth !== books.fiscalYearStartMonth) {
      throw new AppError('INVALID_STATE', 'The lock dates changed while the journal was being checked; import it again');
    }
    const journal = await findJournal(tx, ctx.companyId, journalCode);
    const accounts = await ensureJournalAccounts(tx, ctx.companyId, source.name, survey);
    await savePrices(tx, ctx.companyId, survey);
    const next = await reserveNumbers(tx, ctx.companyId, journal.id, survey.entriesPerYear);
    const writer = new EntryWriter(tx, ctx.companyId, journal.id, source.name, accounts.ids);
    for await (const item of source.items(report('writing'))) {
      if (item.kind !== 'transaction') continue;
      const year = fiscalYearOf(item.transaction.date, books.fiscalYearStartMonth);
      const number = next.get(year);
      if (number === undefined) {
        if (transactionLines(source.name, item.transaction).length === 0) continue;
        throw new Error(`${source.name} changed while it was being imported`);
      }
      if (await writer.add(item.transaction, year, number)) next.set(year, number + 1);
    }
    await writer.flush();
    const result: JournalImportResult = {
      file: source.name,
      journalCode,
      transactions: survey.transactions,
      entries: writer.entries,
      lines: writer.lines,
      skipped: survey.skipped,
      accountsCreated: accounts.created.length,
      prices: survey.prices.size,
      firstDate: survey.firstDate,
      lastDate: survey.lastDate,
    };
    if (writer.entries + survey.skipped !== survey.transactions) throw new Error(`${source.name} changed while it was being imported`);
    await appendAudit(tx, ctx.companyId, ctx.actor, {
      action: 'ledger.journal.imported',
      entityType: 'journal',
      entityId: journal.id,
      after: {
        ...result,
        format: source.format,
        entryNumbers: numberRanges(survey.entriesPerYear, next),
        accounts: accounts.created.slice(0, 1000),
      },
    });
    return result;
  });
}

/** The later of the hard lock and, for users who are not admins, the period lock. */
function effectiveLockDate(books: Books): string | null {
  const locks = [books.lockDate, books.periodLockApplies ? books.periodLockDate : null].filter((d): d is string => d !== null).sort();
  return locks.at(-1) ?? null;
}

async function savePrices(tx: Tx, companyId: string, survey: JournalSurvey): Promise<void> {
  const prices = [...survey.prices.values()];
  for (let i = 0; i < prices.length; i += BATCH) {
    const batch = prices.slice(i, i + BATCH);
    await tx.query(
      `INSERT INTO exchange_rates (company_id, commodity, quote, date, rate, source)
       SELECT $1, u.*, 'journal' FROM unnest($2::text[], $3::text[], $4::date[], $5::numeric[]) AS u (commodity, quote, date, rate)
       ON CONFLICT (company_id, commodity, quote, date) DO UPDATE SET rate = EXCLUDED.rate, source = EXCLUDED.source`,
      [companyId, batch.map((p) => p.commodity), batch.map((p) => p.quote), batch.map((p) => p.date), batch.map((p) => p.rate)],
    );
  }
}

/**
 * Takes a block of gapless numbers per fiscal year for the journal; returns the first number of each block.
 * The sequence rows stay locked until commit, as in numberAndPost.
 */
async function reserveNumbers(tx: Tx, companyId: string, journalId: string, perYear: Map<number, number>): Promise<Map<number, number>> {
  const first = new Map<number, number>();
  for (const [year, count] of [...perYear].sort(([a], [b]) => a - b)) {
    await tx.query(
      'INSERT INTO entry_sequences (company_id, journal_id, fiscal_year, last_number) VALUES ($1, $2, $3, 0) ON CONFLICT DO NOTHING',
      [companyId, journalId, year],
    );
    const [row] = await tx.query<{ last_number: number }>(
      `UPDATE entry_sequences SET last_number = last_number + $4
        WHERE company_id = $1 AND journal_id = $2 AND fiscal_year = $3 RETURNING last_number`,
      [companyId, journalId, year, count],
    );
    first.set(year, (row?.last_number ?? count) - count + 1);
  }
  return first;
}

function numberRanges(perYear: Map<number, number>, next: Map<number, number>): { fiscalYear: number; from: number; to: number }[] {
  return [...perYear].map(([year, count]) => {
    const to = (next.get(year) ?? count + 1) - 1;
    return { fiscalYear: year, from: to - count + 1, to };
  });
}

/** Collects entries and their lines and writes them a batch at a time, as posted entries of purpose `import`. */
class EntryWriter {
  entries = 0;
  lines = 0;
  private readonly entryRows = {
    id: [] as string[],
    year: [] as number[],
    number: [] as number[],
    date: [] as string[],
    memo: [] as (string | null)[],
    reference: [] as (string | null)[],
  };
  private readonly lineRows = {
    entry: [] as string[],
    no: [] as number[],
    account: [] as string[],
    description: [] as (string | null)[],
    debit: [] as string[],
    credit: [] as string[],
    currency: [] as string[],
    quantity: [] as string[],
    rate: [] as (string | null)[],
    valueCurrency: [] as string[],
  };

  constructor(
    private readonly tx: Tx,
    private readonly companyId: string,
    private readonly journalId: string,
    private readonly fileName: string,
    private readonly accountIds: Map<string, string>,
  ) {}

  /** Queues one transaction; false when it has no non-zero posting (no entry). */
  async add(t: Transaction, year: number, number: number): Promise<boolean> {
    const values = transactionLines(this.fileName, t);
    if (values.length === 0) return false;
    const id = newId();
    const e = this.entryRows;
    e.id.push(id);
    e.year.push(year);
    e.number.push(number);
    e.date.push(t.date);
    e.memo.push(t.description || null);
    e.reference.push(t.code || null);
    const l = this.lineRows;
    values.forEach((v, i) => {
      l.entry.push(id);
      l.no.push(i + 1);
      l.account.push(this.accountIds.get(v.account) as string);
      l.description.push(v.comment ? v.comment.slice(0, 500) : null);
      l.debit.push(v.side === 'debit' ? v.value : '0');
      l.credit.push(v.side === 'credit' ? v.value : '0');
      l.currency.push(v.commodity);
      l.quantity.push(v.quantity);
      l.rate.push(v.rate);
      l.valueCurrency.push(v.valueCommodity);
    });
    this.entries += 1;
    this.lines += values.length;
    if (e.id.length >= BATCH) await this.flush();
    return true;
  }

  async flush(): Promise<void> {
    const e = this.entryRows;
    if (e.id.length === 0) return;
    await this.tx.query(
      `INSERT INTO journal_entries (company_id, journal_id, status, posted_at, purpose, id, fiscal_year, number, date, memo, reference)
       SELECT $1, $2, 'posted', now(), 'import', u.* FROM unnest($3::uuid[], $4::int[], $5::int[], $6::date[], $7::text[], $8::text[])
         AS u (id, fiscal_year, number, date, memo, reference)`,
      [this.companyId, this.journalId, e.id, e.year, e.number, e.date, e.memo, e.reference],
    );
    const l = this.lineRows;
    await this.tx.query(
      `INSERT INTO journal_lines (company_id, entry_id, line_no, account_id, description, debit, credit, currency, amount_currency, rate, value_currency)
       SELECT $1, u.* FROM unnest($2::uuid[], $3::int[], $4::uuid[], $5::text[], $6::numeric[], $7::numeric[], $8::text[], $9::numeric[],
                                  $10::numeric[], $11::text[])
         AS u (entry_id, line_no, account_id, description, debit, credit, currency, amount_currency, rate, value_currency)`,
      [this.companyId, l.entry, l.no, l.account, l.description, l.debit, l.credit, l.currency, l.quantity, l.rate, l.valueCurrency],
    );
    for (const column of [...Object.values(e), ...Object.values(l)]) column.length = 0;
  }
}
