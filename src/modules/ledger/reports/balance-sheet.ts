import { z } from 'zod';
import type { ServiceContext } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db/database.ts';
import { type Books, loadBooks } from '../entry-lines.ts';
import { validate } from '../validate.ts';
import {
  amountPair,
  buildSection,
  type ComputedLine,
  dayBefore,
  fiscalYearStart,
  loadChart,
  natural,
  netByAccount,
  ofType,
  pair,
  type ReportAccount,
  signed,
  statementSection,
  todayIso,
} from './report-model.ts';

/*
 * No dimension filters here on purpose: an entry's lines may carry different cost centres, so a
 * balance sheet of one cost centre would not balance. Dimensions filter the P&L and the general ledger.
 */
export const balanceSheetFilters = {
  /** The balance sheet's date (inclusive); today when left out. */
  at: z.iso.date().optional(),
  /** A second date to compare with. */
  compareAt: z.iso.date().optional(),
};
export const balanceSheetQuery = z.strictObject(balanceSheetFilters);
export type BalanceSheetQuery = z.input<typeof balanceSheetQuery>;

export const balanceSheetSchema = z
  .object({
    at: z.string(),
    compareAt: z.string().nullable(),
    currency: z.string(),
    assets: statementSection.describe('Asset accounts, debit minus credit'),
    liabilities: statementSection.describe('Liability accounts, credit minus debit (what is owed is positive)'),
    equity: statementSection.describe(
      'Equity accounts, credit minus debit, plus the result not yet closed into equity (group `unclosed_result`): ' +
        'earlier fiscal years’ and the current fiscal year’s income minus expenses',
    ),
    liabilitiesAndEquity: amountPair,
    /** Assets minus liabilities and equity: zero, because every posted entry balances. */
    difference: amountPair,
    balanced: z.boolean(),
  })
  .describe('Balance sheet at a date over posted entries; Assets = Liabilities + Equity');
export type BalanceSheet = z.infer<typeof balanceSheetSchema>;

interface Position {
  balances: Map<string, bigint>;
  priorYears: bigint;
  currentYear: bigint;
}

/** Income minus expenses of the accounts in `net` (normal signs). */
function result(chart: readonly ReportAccount[], net: Map<string, bigint>): bigint {
  let total = 0n;
  for (const account of chart) {
    const value = net.get(account.id);
    if (value === undefined) continue;
    if (account.type === 'income') total += natural('income', value);
    if (account.type === 'expense') total -= natural('expense', value);
  }
  return total;
}

/**
 * Balances at a date, every entry counted (closing ones too: they are what moves a year's result into
 * equity). What income and expense accounts still hold is the result not yet closed, split at the start
 * of the date's fiscal year into earlier years' and the current year's.
 */
async function positionAt(tx: Tx, companyId: string, books: Books, chart: readonly ReportAccount[], at: string): Promise<Position> {
  const net = await netByAccount(tx, companyId, { baseCurrency: books.baseCurrency, to: at });
  const yearStart = fiscalYearStart(at, books.fiscalYearStartMonth);
  const before = await netByAccount(tx, companyId, { baseCurrency: books.baseCurrency, to: dayBefore(yearStart) });
  const unclosed = result(chart, net);
  const priorYears = result(chart, before);
  return { balances: signed(chart, net), priorYears, currentYear: unclosed - priorYears };
}

export async function balanceSheet(ctx: ServiceContext, raw: BalanceSheetQuery = {}): Promise<BalanceSheet> {
  const query = validate(balanceSheetQuery, raw);
  const at = query.at ?? todayIso();
  return ctx.db.tenant(ctx.companyId, async (tx) => {
    const books = await loadBooks(tx, ctx.companyId);
    const chart = await loadChart(tx, ctx.companyId);
    const now = await positionAt(tx, ctx.companyId, books, chart, at);
    const then = query.compareAt ? await positionAt(tx, ctx.companyId, books, chart, query.compareAt) : null;
    const values = { current: now.balances, compare: then?.balances ?? null };
    const earnings: ComputedLine[] = [];
    if (now.priorYears !== 0n || (then && then.priorYears !== 0n)) {
      earnings.push({
        key: 'prior_years',
        name: 'Result of prior years not yet closed',
        nameEs: 'Resultados de ejercicios anteriores pendientes de cierre',
        amount: now.priorYears,
        compare: then?.priorYears ?? null,
      });
    }
    earnings.push({
      key: 'current_year',
      name: 'Current year earnings',
      nameEs: 'Resultado del ejercicio',
      amount: now.currentYear,
      compare: then?.currentYear ?? null,
    });
    const assets = buildSection('assets', chart.filter(ofType('asset')), values);
    const liabilities = buildSection('liabilities', chart.filter(ofType('liability')), values);
    const equity = buildSection('equity', chart.filter(ofType('equity')), values, { subtype: 'unclosed_result', lines: earnings });
    const right = liabilities.amount + equity.amount;
    const rightThen = then ? (liabilities.compare ?? 0n) + (equity.compare ?? 0n) : null;
    const difference = assets.amount - right;
    const differenceThen = rightThen === null ? null : (assets.compare ?? 0n) - rightThen;
    return {
      at,
      compareAt: query.compareAt ?? null,
      currency: books.baseCurrency,
      assets: assets.section,
      liabilities: liabilities.section,
      equity: equity.section,
      liabilitiesAndEquity: pair(right, rightThen),
      difference: pair(difference, differenceThen),
      balanced: difference === 0n && (differenceThen === null || differenceThen === 0n),
    };
  });
}
