import { z } from 'zod';
import type { Actor } from '../../platform/audit/actor.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError, type FieldError } from '../../platform/errors.ts';
import { currency, text } from '../../platform/http/schemas.ts';
import { shareBooksLock } from './books-lock.ts';
import { amount, fromUnits, rate, toUnits } from './money.ts';

/** An analytic dimension's code (cost centre, project, department). */
export const dimension = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, 'must be a code of letters, digits, ".", "_" or "-"');

export const lineInput = z.strictObject({
  accountId: z.uuid().optional(),
  accountCode: z.string().trim().min(1).max(40).optional(),
  description: text(500).optional(),
  debit: amount.optional(),
  credit: amount.optional(),
  /** The line's currency; the company's base currency when left out. */
  currency: currency.optional(),
  /** The amount in that currency (required when it is not the base currency). */
  amountCurrency: amount.optional(),
  /** Base-currency units per unit of that currency (required when it is not the base currency). */
  rate: rate.optional(),
  costCenter: dimension.optional(),
  project: dimension.optional(),
  department: dimension.optional(),
});
export type LineInput = z.input<typeof lineInput>;

export const entryHeader = {
  journalCode: z.string().trim().min(1).max(20),
  date: z.iso.date(),
  memo: text(500).optional(),
  reference: text(100).optional(),
};

/** A line ready to insert: amounts in units of 1/10,000 of the base currency. */
export interface ResolvedLine {
  accountId: string;
  accountCode: string;
  accountName: string;
  description: string | null;
  debit: bigint;
  credit: bigint;
  currency: string;
  amountCurrency: bigint;
  rate: string;
  costCenter: string | null;
  project: string | null;
  department: string | null;
}

/** What posting needs to know about the company: base currency, fiscal year start and lock dates. */
export interface Books {
  baseCurrency: string;
  fiscalYearStartMonth: number;
  /** The hard lock: nobody posts on or before it. */
  lockDate: string | null;
  /** The lock for everyone but admins. */
  periodLockDate: string | null;
  /** Whether the period lock binds the actor the books were loaded for (false for admins, system and CLI). */
  periodLockApplies: boolean;
}

/**
 * Loads the books; given the actor, also whether the period lock binds them: a user binds unless they
 * are an active admin of the company, the system and the CLI (no user) never do. Without an actor the
 * period lock applies, so a caller that forgets to say who acts fails safe.
 */
export async function loadBooks(tx: Tx, companyId: string, actor?: Actor): Promise<Books> {
  const [row] = await tx.query<{
    base_currency: string;
    fiscal_year_start_month: number;
    lock_date: string | null;
    period_lock_date: string | null;
    admin: boolean;
  }>(
    `SELECT c.base_currency, c.fiscal_year_start_month, s.lock_date::text AS lock_date, s.period_lock_date::text AS period_lock_date,
            coalesce('admin' = ANY (m.roles), false) AS admin
       FROM companies c LEFT JOIN ledger_settings s ON s.company_id = c.id
       LEFT JOIN memberships m ON m.company_id = c.id AND m.user_id = $2::uuid AND m.deactivated_at IS NULL
      WHERE c.id = $1`,
    [companyId, actor?.userId ?? null],
  );
  if (!row) throw new AppError('NOT_FOUND', 'Company not found');
  const privileged = actor !== undefined && (actor.userId === null || row.admin);
  return {
    baseCurrency: row.base_currency,
    fiscalYearStartMonth: row.fiscal_year_start_month,
    lockDate: row.lock_date,
    periodLockDate: row.period_lock_date,
    periodLockApplies: !privileged,
  };
}

/** The books as a posting sees them: it first shares the books lock (see books-lock.ts), then reads them. */
export async function loadBooksForPosting(tx: Tx, companyId: string, actor: Actor): Promise<Books> {
  await shareBooksLock(tx, companyId);
  return loadBooks(tx, companyId, actor);
}

/** Fiscal years are named by the calendar year they start in. */
export function fiscalYearOf(date: string, startMonth: number): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return month >= startMonth ? year : year - 1;
}

/**
 * Checks each line and resolves its account (by id or code). Collects every problem before failing, so
 * the caller gets all field errors at once.
 */
export async function resolveLines(
  tx: Tx,
  companyId: string,
  books: Books,
  lines: readonly z.output<typeof lineInput>[],
  options: { allowArchived?: boolean } = {},
): Promise<ResolvedLine[]> {
  const errors: FieldError[] = [];
  const ids = lines.flatMap((l) => (l.accountId ? [l.accountId] : []));
  const codes = lines.flatMap((l) => (l.accountCode ? [l.accountCode] : []));
  const accounts = await tx.query<{ id: string; code: string; name: string; archived: boolean }>(
    `SELECT id, code, name, archived_at IS NOT NULL AS archived FROM accounts WHERE company_id = $1 AND (id = ANY ($2::uuid[]) OR code = ANY ($3::text[]))`,
    [companyId, ids, codes],
  );
  const resolved: ResolvedLine[] = [];
  lines.forEach((line, i) => {
    const at = (field: string) => `lines.${i}.${field}`;
    let account: (typeof accounts)[number] | undefined;
    if ((line.accountId === undefined) === (line.accountCode === undefined)) {
      errors.push({ path: at('accountId'), message: 'give exactly one of accountId or accountCode' });
    } else {
      const found = accounts.find((x) => (line.accountId ? x.id === line.accountId : x.code === line.accountCode));
      const field = line.accountId ? 'accountId' : 'accountCode';
      if (!found) errors.push({ path: at(field), message: 'is not an account of this company' });
      else if (found.archived && !options.allowArchived) errors.push({ path: at(field), message: `account ${found.code} is archived` });
      else account = found;
    }
    const debit = line.debit === undefined ? 0n : toUnits(line.debit);
    const credit = line.credit === undefined ? 0n : toUnits(line.credit);
    if (debit > 0n === credit > 0n) errors.push({ path: at('debit'), message: 'give exactly one of debit or credit, greater than zero' });
    const lineCurrency = line.currency ?? books.baseCurrency;
    const base = debit > credit ? debit : credit;
    let amountCurrency = base;
    let lineRate = '1';
    if (lineCurrency === books.baseCurrency) {
      if (line.amountCurrency !== undefined && toUnits(line.amountCurrency) !== base) {
        errors.push({ path: at('amountCurrency'), message: 'must equal the debit or credit for a line in the base currency' });
      }
      if (line.rate !== undefined && toUnits(line.rate) !== toUnits('1')) {
        errors.push({ path: at('rate'), message: 'must be 1 for a line in the base currency' });
      }
    } else {
      if (line.amountCurrency === undefined || toUnits(line.amountCurrency) === 0n) {
        errors.push({ path: at('amountCurrency'), message: `is required and positive for a line in ${lineCurrency}` });
      } else amountCurrency = toUnits(line.amountCurrency);
      if (line.rate === undefined) errors.push({ path: at('rate'), message: `is required for a line in ${lineCurrency}` });
      else lineRate = line.rate;
    }
    if (account) {
      resolved.push({
        accountId: account.id,
        accountCode: account.code,
        accountName: account.name,
        description: line.description ?? null,
        debit,
        credit,
        currency: lineCurrency,
        amountCurrency,
        rate: lineRate,
        costCenter: line.costCenter ?? null,
        project: line.project ?? null,
        department: line.department ?? null,
      });
    }
  });
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', 'Some lines are not valid', errors);
  return resolved;
}

/** The rules a posted entry obeys (the database checks them again at commit). */
export function assertBalanced(lines: readonly Pick<ResolvedLine, 'debit' | 'credit'>[]): void {
  const debit = lines.reduce((sum, l) => sum + l.debit, 0n);
  const credit = lines.reduce((sum, l) => sum + l.credit, 0n);
  const errors: FieldError[] = [];
  if (lines.length < 2) errors.push({ path: 'lines', message: 'a posted entry needs at least two lines' });
  if (debit !== credit) {
    errors.push({ path: 'lines', message: `debits (${fromUnits(debit)}) and credits (${fromUnits(credit)}) must be equal` });
  }
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', 'The entry does not balance', errors);
}

export function assertOpenPeriod(date: string, books: Books): void {
  if (books.lockDate !== null && date <= books.lockDate) {
    throw new AppError('INVALID_STATE', `The books are locked up to ${books.lockDate}; post on a later date`, [
      { path: 'date', message: `must be after the lock date ${books.lockDate}` },
    ]);
  }
  if (books.periodLockApplies && books.periodLockDate !== null && date <= books.periodLockDate) {
    throw new AppError('INVALID_STATE', `The period up to ${books.periodLockDate} is locked; only an admin can post in it`, [
      { path: 'date', message: `must be after the period lock date ${books.periodLockDate}` },
    ]);
  }
}

/** Inserts an entry's lines, valued in the base currency (the only valuation API entries have). */
export async function insertLines(tx: Tx, companyId: string, books: Books, entryId: string, lines: readonly ResolvedLine[]): Promise<void> {
  await tx.query(
    `INSERT INTO journal_lines (company_id, entry_id, value_currency, line_no, account_id, description, debit, credit, currency, amount_currency,
                               rate, cost_center, project, department)
     SELECT $1, $2, $3, u.* FROM unnest($4::int[], $5::uuid[], $6::text[], $7::numeric[], $8::numeric[], $9::text[], $10::numeric[],
                                        $11::numeric[], $12::text[], $13::text[], $14::text[])
       AS u (line_no, account_id, description, debit, credit, currency, amount_currency, rate, cost_center, project, department)`,
    [
      companyId,
      entryId,
      books.baseCurrency,
      lines.map((_, i) => i + 1),
      lines.map((l) => l.accountId),
      lines.map((l) => l.description),
      lines.map((l) => fromUnits(l.debit)),
      lines.map((l) => fromUnits(l.credit)),
      lines.map((l) => l.currency),
      lines.map((l) => fromUnits(l.amountCurrency)),
      lines.map((l) => l.rate),
      lines.map((l) => l.costCenter),
      lines.map((l) => l.project),
      lines.map((l) => l.department),
    ],
  );
}

/**
 * Gives a draft its gapless number and posts it, in one statement run as late as possible: the sequence
 * row of the journal and year stays locked from this statement until commit, so concurrent postings to one
 * journal take numbers one after another, and every other step of a posting (checks, lines, balances of
 * hot accounts) runs before, without holding it. A rollback gives the number back. Callers have checked
 * that the entry is a draft (the statement refuses anything else rather than burn a number).
 */
export async function numberAndPost(
  tx: Tx,
  companyId: string,
  entryId: string,
  journalId: string,
  fiscalYear: number,
): Promise<{ number: number; postedAt: Date; version: number }> {
  const [posted] = await tx.query<{ number: number; posted_at: Date; version: number }>(
    `WITH next AS (
       INSERT INTO entry_sequences (company_id, journal_id, fiscal_year, last_number) VALUES ($1, $3, $4, 1)
       ON CONFLICT (company_id, journal_id, fiscal_year) DO UPDATE SET last_number = entry_sequences.last_number + 1
       RETURNING last_number)
     UPDATE journal_entries SET status = 'posted', number = (SELECT last_number FROM next), posted_at = now(), version = version + 1,
                                updated_at = now()
      WHERE company_id = $1 AND id = $2 AND status = 'draft'
     RETURNING number, posted_at, version`,
    [companyId, entryId, journalId, fiscalYear],
  );
  if (!posted) throw new AppError('INVALID_STATE', 'This entry is already posted');
  return { number: posted.number, postedAt: posted.posted_at, version: posted.version };
}
