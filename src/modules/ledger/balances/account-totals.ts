import type { Tx } from '../../../platform/db/database.ts';
import { currencyNames } from '../currency-symbols.ts';
import type { EntryPurpose } from '../entry-model.ts';

/** Which posted lines to add up. Dates are inclusive; dimensions filter lines by their code. */
export interface AccountTotalsQuery {
  baseCurrency: string;
  from?: string | undefined;
  to?: string | undefined;
  costCenter?: string | undefined;
  project?: string | undefined;
  department?: string | undefined;
  /** Leave out entries made for these purposes (e.g. `closing` for a year's profit and loss). */
  excludePurposes?: readonly EntryPurpose[];
}

/** Debits and credits of one account in the base currency, as exact numeric strings. */
export interface AccountTotal {
  accountId: string;
  debit: string;
  credit: string;
}

/**
 * Per-account totals of posted lines valued in the base currency (lines of imported journals valued in
 * another commodity are not part of base-currency reports). The one place reports read balances from.
 *
 * Whole calendar months inside [from, to] are read from `ledger_balances` (kept equal to the lines by the
 * database, see migration 0103); the partial months at either edge are read from the lines. Dimension
 * filters read only lines: balances are not kept per cost centre, project or department.
 */
export async function accountTotals(tx: Tx, companyId: string, query: AccountTotalsQuery): Promise<AccountTotal[]> {
  const params: unknown[] = [companyId, currencyNames(query.baseCurrency), query.excludePurposes ?? []];
  const hasDimension = query.costCenter !== undefined || query.project !== undefined || query.department !== undefined;
  const plan = hasDimension ? null : planRange(query.from, query.to);
  const parts: string[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  if (plan === null) {
    const [costCenter, project, department] = [query.costCenter, query.project, query.department].map((v) => param(v ?? null));
    const [from, to] = [query.from, query.to].map((v) => param(v ?? null));
    parts.push(`${LINES} AND (${costCenter}::text IS NULL OR l.cost_center = ${costCenter}) AND (${project}::text IS NULL OR l.project = ${project})
                AND (${department}::text IS NULL OR l.department = ${department})
                AND (${from}::date IS NULL OR e.date >= ${from}::date) AND (${to}::date IS NULL OR e.date <= ${to}::date)`);
  } else {
    if (plan.months) {
      const { first, past } = plan.months;
      parts.push(`${BALANCES}${first ? ` AND b.month >= ${param(first)}::date` : ''}${past ? ` AND b.month < ${param(past)}::date` : ''}`);
    }
    for (const edge of plan.edges) parts.push(`${LINES} AND e.date >= ${param(edge.from)}::date AND e.date <= ${param(edge.to)}::date`);
  }
  if (parts.length === 0) return [];
  const rows = await tx.query<{ account_id: string; debit: string; credit: string }>(
    `SELECT account_id, sum(debit) AS debit, sum(credit) AS credit FROM (${parts.join(' UNION ALL ')}) amounts
      GROUP BY account_id HAVING sum(debit) <> 0 OR sum(credit) <> 0`,
    params,
  );
  return rows.map((r) => ({ accountId: r.account_id, debit: r.debit, credit: r.credit }));
}

/** $1 company, $2 names of the base currency, $3 purposes left out. */
const LINES = `
  SELECT l.account_id, l.debit, l.credit
    FROM journal_entries e
    JOIN journal_lines l ON l.company_id = e.company_id AND l.entry_id = e.id
   WHERE e.company_id = $1 AND e.status = 'posted' AND l.value_currency = ANY ($2::text[]) AND NOT (e.purpose = ANY ($3::text[]))`;

const BALANCES = `
  SELECT b.account_id, b.debit, b.credit
    FROM ledger_balances b
   WHERE b.company_id = $1 AND b.value_currency = ANY ($2::text[]) AND NOT (b.purpose = ANY ($3::text[]))`;

/**
 * How to read [from, to]: the whole months in it (`first` inclusive, `past` exclusive, a missing bound
 * open) from balances, and the days at its edges (inclusive ranges) from lines. Null when a date is not
 * plain YYYY-MM-DD: then everything is read from lines, which keeps PostgreSQL's own date handling.
 * (A balance row exists only for an account with lines, and every line has a positive debit or credit, so
 * keeping accounts whose totals are not both zero gives exactly the accounts the lines alone would.)
 */
export function planRange(
  from: string | undefined,
  to: string | undefined,
): { months: { first?: string; past?: string } | null; edges: { from: string; to: string }[] } | null {
  const start = from === undefined ? undefined : parseDay(from);
  const end = to === undefined ? undefined : parseDay(to);
  if (start === null || end === null) return null;
  // The first 1st of a month on or after `from`, and the 1st of the month after the last whole one.
  const first = start && (start.d === 1 ? start : nextMonth(start));
  const past = end && (end.d === daysIn(end.y, end.m) ? nextMonth(end) : { ...end, d: 1 });
  if (start && end && compare(first as Day, past as Day) >= 0) {
    return compare(start, end) > 0 ? { months: null, edges: [] } : { months: null, edges: [{ from: format(start), to: format(end) }] };
  }
  const edges: { from: string; to: string }[] = [];
  if (start && first && compare(start, first) < 0) edges.push({ from: format(start), to: format(dayBefore(first)) });
  if (end && past && compare(past, end) <= 0) edges.push({ from: format(past), to: format(end) });
  const months: { first?: string; past?: string } = {};
  if (first) months.first = format(first);
  if (past) months.past = format(past);
  return { months, edges };
}

interface Day {
  y: number;
  m: number;
  d: number;
}

function parseDay(text: string): Day | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const day = { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
  return day.m >= 1 && day.m <= 12 && day.d >= 1 && day.d <= daysIn(day.y, day.m) ? day : null;
}

function daysIn(y: number, m: number): number {
  if (m === 2) return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

const nextMonth = (day: Day): Day => (day.m === 12 ? { y: day.y + 1, m: 1, d: 1 } : { y: day.y, m: day.m + 1, d: 1 });

function dayBefore(day: Day): Day {
  if (day.d > 1) return { ...day, d: day.d - 1 };
  const m = day.m === 1 ? 12 : day.m - 1;
  const y = day.m === 1 ? day.y - 1 : day.y;
  return { y, m, d: daysIn(y, m) };
}

const compare = (a: Day, b: Day) => a.y - b.y || a.m - b.m || a.d - b.d;
const pad = (n: number, width: number) => String(n).padStart(width, '0');
const format = (day: Day) => `${pad(day.y, 4)}-${pad(day.m, 2)}-${pad(day.d, 2)}`;
