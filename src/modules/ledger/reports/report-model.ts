import { z } from 'zod';
import type { Tx } from '../../../platform/db/database.ts';
import { ACCOUNT_TYPES, type AccountType } from '../account-model.ts';
import { type AccountTotalsQuery, accountTotals } from '../balances/account-totals.ts';
import { dimension } from '../entry-lines.ts';
import { fromValueUnits, toValueUnits } from '../money.ts';

/*
 * The shape every financial statement shares: sections (assets, income…) made of groups (one per account
 * subtype) made of lines (one per account, or a computed line such as the current year's earnings).
 *
 * Sign convention: statements show each amount with the sign an accountant expects — an account's
 * *normal* balance is positive: debit minus credit for assets and expenses, credit minus debit for
 * liabilities, equity and income. A negative amount is a balance on the unusual side (an overdrawn
 * bank, a contra account). Amounts are decimal strings, computed exactly with bigint units.
 */

/** An amount and, when the report is comparative, the same amount for the comparison period. */
export const amountPair = z.object({
  amount: z.string().describe('Decimal string in the base currency, normal balance positive'),
  compare: z.string().nullable().describe('The same amount for the comparison period/date; null when not comparing'),
});
export type AmountPair = z.infer<typeof amountPair>;

export const statementLine = amountPair.extend({
  /** Null for a computed line (e.g. the result not yet closed into equity). */
  accountId: z.uuid().nullable(),
  code: z.string().nullable(),
  name: z.string(),
  nameEs: z.string().nullable(),
});
export type StatementLine = z.infer<typeof statementLine>;

export const statementGroup = z.object({
  /** The accounts' subtype (`receivable`, `bank`…); null for accounts without one. */
  subtype: z.string().nullable(),
  lines: z.array(statementLine),
  total: amountPair,
});
export type StatementGroup = z.infer<typeof statementGroup>;

export const statementSection = z.object({ key: z.string(), groups: z.array(statementGroup), total: amountPair });
export type StatementSection = z.infer<typeof statementSection>;

/** Analytic dimensions a report may be filtered by (lines carrying that code). */
export const dimensionFilters = {
  costCenter: dimension.optional(),
  project: dimension.optional(),
  department: dimension.optional(),
};
export type DimensionFilters = { costCenter?: string | undefined; project?: string | undefined; department?: string | undefined };

/** A refinement over a report's query: in each [from, to] pair, `from` is not after `to` (ISO dates compare as strings). */
export const rangesInOrder =
  (...ranges: readonly (readonly [string, string])[]) =>
  (query: Record<string, unknown>, ctx: z.core.$RefinementCtx): void => {
    for (const [from, to] of ranges) {
      const start = query[from];
      const end = query[to];
      if (typeof start === 'string' && typeof end === 'string' && start > end) {
        ctx.addIssue({ code: 'custom', path: [from], message: `must not be after ${to}` });
      }
    }
  };

export interface ReportAccount {
  id: string;
  code: string;
  name: string;
  nameEs: string | null;
  type: AccountType;
  subtype: string | null;
}

/** The whole chart, archived accounts included (they still carry history), in code order. */
export async function loadChart(tx: Tx, companyId: string): Promise<ReportAccount[]> {
  const rows = await tx.query<{
    id: string;
    code: string;
    name: string;
    name_es: string | null;
    type: AccountType;
    subtype: string | null;
  }>('SELECT id, code, name, name_es, type, subtype FROM accounts WHERE company_id = $1 ORDER BY code COLLATE "C"', [companyId]);
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, nameEs: r.name_es, type: r.type, subtype: r.subtype }));
}

/** Debit minus credit per account (bigint units of 10^-10), read through accountTotals. */
export async function netByAccount(tx: Tx, companyId: string, query: AccountTotalsQuery): Promise<Map<string, bigint>> {
  const totals = await accountTotals(tx, companyId, query);
  return new Map(totals.map((t) => [t.accountId, toValueUnits(t.debit) - toValueUnits(t.credit)]));
}

const DEBIT_NORMAL: ReadonlySet<AccountType> = new Set(['asset', 'expense']);

/** An account's debit-minus-credit turned into its normal-balance sign (see the convention above). */
export const natural = (type: AccountType, debitMinusCredit: bigint): bigint =>
  DEBIT_NORMAL.has(type) ? debitMinusCredit : -debitMinusCredit;

/** The day before an ISO date (UTC calendar arithmetic, no time zone involved). */
export function dayBefore(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

/** Today as an ISO date (UTC), the default date of a balance sheet. */
export const todayIso = (): string => new Date().toISOString().slice(0, 10);

/** The first day of the fiscal year a date falls in. */
export function fiscalYearStart(day: string, startMonth: number): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  const startYear = month >= startMonth ? year : year - 1;
  return `${startYear}-${String(startMonth).padStart(2, '0')}-01`;
}

export const pair = (amount: bigint, compare: bigint | null): AmountPair => ({
  amount: fromValueUnits(amount),
  compare: compare === null ? null : fromValueUnits(compare),
});

/** Values of the current period and, when comparing, of the comparison period (already signed). */
export interface Values {
  current: Map<string, bigint>;
  compare: Map<string, bigint> | null;
}

export interface ComputedLine {
  key: string;
  name: string;
  nameEs: string;
  amount: bigint;
  compare: bigint | null;
}

/**
 * A section of the accounts `accounts` (already filtered), grouped by subtype in chart order, keeping
 * the accounts with a non-zero amount in either period. Computed lines (if any) form a last group.
 */
export function buildSection(
  key: string,
  accounts: readonly ReportAccount[],
  values: Values,
  computed: { subtype: string; lines: readonly ComputedLine[]; first?: boolean } | null = null,
): { section: StatementSection; amount: bigint; compare: bigint | null } {
  const groups = new Map<string | null, { lines: StatementLine[]; amount: bigint; compare: bigint }>();
  let amount = 0n;
  let compare = 0n;
  for (const account of accounts) {
    const now = values.current.get(account.id) ?? 0n;
    const then = values.compare?.get(account.id) ?? 0n;
    if (now === 0n && then === 0n) continue;
    const group = groups.get(account.subtype) ?? { lines: [], amount: 0n, compare: 0n };
    group.lines.push({
      accountId: account.id,
      code: account.code,
      name: account.name,
      nameEs: account.nameEs,
      ...pair(now, values.compare ? then : null),
    });
    group.amount += now;
    group.compare += then;
    groups.set(account.subtype, group);
    amount += now;
    compare += then;
  }
  const comparing = values.compare !== null;
  const out: StatementGroup[] = [...groups].map(([subtype, g]) => ({
    subtype,
    lines: g.lines,
    total: pair(g.amount, comparing ? g.compare : null),
  }));
  if (computed && computed.lines.length > 0) {
    let gAmount = 0n;
    let gCompare = 0n;
    const lines = computed.lines.map((l) => {
      gAmount += l.amount;
      gCompare += l.compare ?? 0n;
      return { accountId: null, code: null, name: l.name, nameEs: l.nameEs, ...pair(l.amount, comparing ? (l.compare ?? 0n) : null) };
    });
    const group = { subtype: computed.subtype, lines, total: pair(gAmount, comparing ? gCompare : null) };
    if (computed.first) out.unshift(group);
    else out.push(group);
    amount += gAmount;
    compare += gCompare;
  }
  return { section: { key, groups: out, total: pair(amount, comparing ? compare : null) }, amount, compare: comparing ? compare : null };
}

/** Applies the normal-balance sign to every account's debit-minus-credit. */
export function signed(chart: readonly ReportAccount[], net: Map<string, bigint>): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const account of chart) {
    const value = net.get(account.id);
    if (value !== undefined) out.set(account.id, natural(account.type, value));
  }
  return out;
}

export const ofType =
  (...types: AccountType[]) =>
  (a: ReportAccount): boolean =>
    types.includes(a.type);

export const accountTypeSchema = z.enum(ACCOUNT_TYPES);
