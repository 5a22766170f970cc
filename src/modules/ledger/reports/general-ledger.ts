import { z } from 'zod';
import type { ServiceContext } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/errors.ts';
import { decodeCursor, encodeCursor } from '../../../platform/pagination.ts';
import { accountTotals } from '../balances/account-totals.ts';
import { currencyNames } from '../currency-symbols.ts';
import { loadBooks } from '../entry-lines.ts';
import { formatDecimal, fromValueUnits, toValueUnits } from '../money.ts';
import { validate } from '../validate.ts';
import { accountTypeSchema, dayBefore, dimensionFilters, loadChart, netByAccount, rangesInOrder } from './report-model.ts';

export const generalLedgerFilters = {
  /** One account; every account with a balance or movements when left out. */
  accountId: z.uuid().optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  ...dimensionFilters,
};
export const generalLedgerRanges = [['from', 'to']] as const;
export const generalLedgerQuery = z
  .strictObject({
    ...generalLedgerFilters,
    limit: z.coerce.number().int().min(1).max(1000).default(200),
    cursor: z.string().max(1000).optional(),
  })
  .superRefine(rangesInOrder(...generalLedgerRanges));
export type GeneralLedgerQuery = z.input<typeof generalLedgerQuery>;

const ledgerAccount = z.object({
  accountId: z.uuid(),
  code: z.string(),
  name: z.string(),
  nameEs: z.string().nullable(),
  type: accountTypeSchema,
  opening: z.string().describe('Balance (debit minus credit) the day before `from`'),
  debit: z.string().describe('Debits within the range'),
  credit: z.string().describe('Credits within the range'),
  closing: z.string().describe('Balance (debit minus credit) at `to`'),
});
export type LedgerAccount = z.infer<typeof ledgerAccount>;

const ledgerLine = z.object({
  accountId: z.uuid(),
  date: z.string(),
  /** The entry, for drill-down (GET /api/v1/ledger/entries/{entryId}). */
  entryId: z.uuid(),
  lineNo: z.number(),
  journalCode: z.string(),
  fiscalYear: z.number(),
  number: z.number(),
  memo: z.string().nullable(),
  reference: z.string().nullable(),
  description: z.string().nullable(),
  debit: z.string(),
  credit: z.string(),
  /** The account's running balance (debit minus credit) after this line. */
  balance: z.string(),
});
export type LedgerLine = z.infer<typeof ledgerLine>;

export const generalLedgerSchema = z
  .object({
    from: z.string().nullable(),
    to: z.string().nullable(),
    currency: z.string(),
    /** Every account in the report with its opening balance, movements and closing balance (not paged). */
    accounts: z.array(ledgerAccount),
    /** Posted lines in account code, date and entry order; paged with `nextCursor`. */
    lines: z.array(ledgerLine),
    nextCursor: z.string().nullable(),
  })
  .describe('General ledger: per account, the opening balance, each posted line with a running balance, and the closing balance');
export type GeneralLedger = z.infer<typeof generalLedgerSchema>;

interface LineRow {
  account_id: string;
  code: string;
  date: string;
  entry_id: string;
  line_no: number;
  journal_code: string;
  fiscal_year: number;
  number: number;
  memo: string | null;
  reference: string | null;
  description: string | null;
  debit: string;
  credit: string;
}

type Filters = z.output<typeof generalLedgerQuery>;

/** Posted base-currency lines in report order, after a position (code, date, entry, line) when paging. */
async function readLines(
  tx: Tx,
  companyId: string,
  baseCurrency: string,
  q: Omit<Filters, 'limit' | 'cursor'>,
  after: string[] | null,
  limit: number | null,
): Promise<LineRow[]> {
  return tx.query<LineRow>(
    `SELECT l.account_id, a.code, e.date::text AS date, e.id AS entry_id, l.line_no, j.code AS journal_code, e.fiscal_year, e.number,
            e.memo, e.reference, l.description, l.debit, l.credit
       FROM journal_lines l
       JOIN journal_entries e ON e.company_id = l.company_id AND e.id = l.entry_id
       JOIN journals j ON j.company_id = e.company_id AND j.id = e.journal_id
       JOIN accounts a ON a.company_id = l.company_id AND a.id = l.account_id
      WHERE l.company_id = $1 AND e.status = 'posted' AND l.value_currency = ANY ($2::text[])
        AND ($3::uuid IS NULL OR l.account_id = $3) AND ($4::date IS NULL OR e.date >= $4) AND ($5::date IS NULL OR e.date <= $5)
        AND ($6::text IS NULL OR l.cost_center = $6) AND ($7::text IS NULL OR l.project = $7) AND ($8::text IS NULL OR l.department = $8)
        AND ($9::text IS NULL OR (a.code COLLATE "C", e.date, e.id, l.line_no) > ($9::text COLLATE "C", $10::date, $11::uuid, $12::int))
      ORDER BY a.code COLLATE "C", e.date, e.id, l.line_no
      LIMIT $13`,
    [
      companyId,
      currencyNames(baseCurrency),
      q.accountId ?? null,
      q.from ?? null,
      q.to ?? null,
      q.costCenter ?? null,
      q.project ?? null,
      q.department ?? null,
      after?.[0] ?? null,
      after?.[1] ?? null,
      after?.[2] ?? null,
      after === null ? null : Number(after[3]),
      limit,
    ],
  );
}

/** Sum of an account's lines in the range up to and including a position: where a later page's running balance resumes. */
async function sumThrough(
  tx: Tx,
  companyId: string,
  baseCurrency: string,
  q: Omit<Filters, 'limit' | 'cursor'>,
  accountId: string,
  at: string[],
) {
  const [row] = await tx.query<{ net: string | null }>(
    `SELECT sum(l.debit - l.credit) AS net
       FROM journal_lines l JOIN journal_entries e ON e.company_id = l.company_id AND e.id = l.entry_id
      WHERE l.company_id = $1 AND e.status = 'posted' AND l.value_currency = ANY ($2::text[]) AND l.account_id = $3
        AND ($4::date IS NULL OR e.date >= $4) AND ($5::text IS NULL OR l.cost_center = $5) AND ($6::text IS NULL OR l.project = $6)
        AND ($7::text IS NULL OR l.department = $7) AND (e.date, e.id, l.line_no) <= ($8::date, $9::uuid, $10::int)`,
    [
      companyId,
      currencyNames(baseCurrency),
      accountId,
      q.from ?? null,
      q.costCenter ?? null,
      q.project ?? null,
      q.department ?? null,
      at[1],
      at[2],
      Number(at[3]),
    ],
  );
  return toValueUnits(row?.net ?? '0');
}

const isDay = (value: string | undefined): boolean => z.iso.date().safeParse(value).success;

const positionOf = (r: LineRow): string[] => [r.code, r.date, r.entry_id, String(r.line_no)];

async function readGeneralLedger(ctx: ServiceContext, q: Filters, paged: boolean): Promise<GeneralLedger> {
  const after = paged ? decodeCursor(q.cursor, 4) : null;
  // A cursor is ours only if its position parses; a forged one must be a 400, not a SQL error.
  if (after && !(isDay(after[1]) && z.uuid().safeParse(after[2]).success && /^\d{1,9}$/.test(after[3] ?? ''))) {
    throw new AppError('VALIDATION_FAILED', 'The cursor is not one this API gave out', [{ path: 'cursor', message: 'is invalid' }]);
  }
  const dims = { costCenter: q.costCenter, project: q.project, department: q.department };
  return ctx.db.tenant(ctx.companyId, async (tx) => {
    const { baseCurrency } = await loadBooks(tx, ctx.companyId);
    const chart = await loadChart(tx, ctx.companyId);
    const opening =
      q.from === undefined
        ? new Map<string, bigint>()
        : await netByAccount(tx, ctx.companyId, { baseCurrency, to: dayBefore(q.from), ...dims });
    const range = await rangeTotals(tx, ctx.companyId, baseCurrency, q, dims);
    const accounts: LedgerAccount[] = [];
    for (const account of chart) {
      if (q.accountId !== undefined && account.id !== q.accountId) continue;
      const open = opening.get(account.id) ?? 0n;
      const moved = range.get(account.id);
      if (open === 0n && moved === undefined) continue;
      const debit = moved?.debit ?? 0n;
      const credit = moved?.credit ?? 0n;
      accounts.push({
        accountId: account.id,
        code: account.code,
        name: account.name,
        nameEs: account.nameEs,
        type: account.type,
        opening: fromValueUnits(open),
        debit: fromValueUnits(debit),
        credit: fromValueUnits(credit),
        closing: fromValueUnits(open + debit - credit),
      });
    }
    const limit = paged ? q.limit : null;
    const rows = await readLines(tx, ctx.companyId, baseCurrency, q, after, limit === null ? null : limit + 1);
    const more = limit !== null && rows.length > limit;
    const shown = more ? rows.slice(0, limit ?? 0) : rows;
    const running = new Map<string, bigint>();
    const first = shown[0];
    if (after && first && first.code === after[0]) {
      running.set(
        first.account_id,
        (opening.get(first.account_id) ?? 0n) + (await sumThrough(tx, ctx.companyId, baseCurrency, q, first.account_id, after)),
      );
    }
    const lines = shown.map((r): LedgerLine => {
      const balance = (running.get(r.account_id) ?? opening.get(r.account_id) ?? 0n) + toValueUnits(r.debit) - toValueUnits(r.credit);
      running.set(r.account_id, balance);
      return {
        accountId: r.account_id,
        date: r.date,
        entryId: r.entry_id,
        lineNo: r.line_no,
        journalCode: r.journal_code,
        fiscalYear: r.fiscal_year,
        number: r.number,
        memo: r.memo,
        reference: r.reference,
        description: r.description,
        debit: formatDecimal(r.debit),
        credit: formatDecimal(r.credit),
        balance: fromValueUnits(balance),
      };
    });
    const last = shown.at(-1);
    return {
      from: q.from ?? null,
      to: q.to ?? null,
      currency: baseCurrency,
      accounts,
      lines,
      nextCursor: more && last ? encodeCursor(positionOf(last)) : null,
    };
  });
}

async function rangeTotals(
  tx: Tx,
  companyId: string,
  baseCurrency: string,
  q: Omit<Filters, 'limit' | 'cursor'>,
  dims: { costCenter?: string | undefined; project?: string | undefined; department?: string | undefined },
): Promise<Map<string, { debit: bigint; credit: bigint }>> {
  const totals = await accountTotals(tx, companyId, { baseCurrency, from: q.from, to: q.to, ...dims });
  return new Map(totals.map((t) => [t.accountId, { debit: toValueUnits(t.debit), credit: toValueUnits(t.credit) }]));
}

/** One page of the general ledger (lines paged by cursor; the accounts' summary is always whole). */
export function generalLedger(ctx: ServiceContext, raw: GeneralLedgerQuery = {}): Promise<GeneralLedger> {
  return readGeneralLedger(ctx, validate(generalLedgerQuery, raw), true);
}

/** The whole general ledger in one piece, for exports. */
export function wholeGeneralLedger(ctx: ServiceContext, raw: Omit<GeneralLedgerQuery, 'limit' | 'cursor'> = {}): Promise<GeneralLedger> {
  return readGeneralLedger(ctx, validate(generalLedgerQuery, raw), false);
}
