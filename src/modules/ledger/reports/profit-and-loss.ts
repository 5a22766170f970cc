import { z } from 'zod';
import type { ServiceContext } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db/database.ts';
import { loadBooks } from '../entry-lines.ts';
import { validate } from '../validate.ts';
import {
  amountPair,
  buildSection,
  type DimensionFilters,
  dimensionFilters,
  loadChart,
  netByAccount,
  ofType,
  pair,
  type ReportAccount,
  rangesInOrder,
  signed,
  statementSection,
} from './report-model.ts';

export const profitAndLossFilters = {
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  /** Comparative period: given either bound, the statement is comparative. */
  compareFrom: z.iso.date().optional(),
  compareTo: z.iso.date().optional(),
  ...dimensionFilters,
};
export const profitAndLossRanges = [
  ['from', 'to'],
  ['compareFrom', 'compareTo'],
] as const;
export const profitAndLossQuery = z.strictObject(profitAndLossFilters).superRefine(rangesInOrder(...profitAndLossRanges));
export type ProfitAndLossQuery = z.input<typeof profitAndLossQuery>;

export const profitAndLossSchema = z
  .object({
    from: z.string().nullable(),
    to: z.string().nullable(),
    compareFrom: z.string().nullable(),
    compareTo: z.string().nullable(),
    currency: z.string(),
    income: statementSection.describe('Income accounts, credit minus debit (income is positive)'),
    expenses: statementSection.describe('Expense accounts, debit minus credit (expenses are positive)'),
    netResult: amountPair.describe('Income minus expenses: a profit is positive, a loss negative'),
  })
  .describe('Profit and loss over posted entries, closing entries left out so a closed year still shows its result');
export type ProfitAndLoss = z.infer<typeof profitAndLossSchema>;

/** Income minus expenses per account over a range, closing entries left out (they only move the result into equity). */
export async function resultByAccount(
  tx: Tx,
  companyId: string,
  baseCurrency: string,
  chart: readonly ReportAccount[],
  range: { from?: string | undefined; to?: string | undefined } & DimensionFilters,
): Promise<Map<string, bigint>> {
  const net = await netByAccount(tx, companyId, { baseCurrency, ...range, excludePurposes: ['closing'] });
  return signed(chart.filter(ofType('income', 'expense')), net);
}

export async function profitAndLoss(ctx: ServiceContext, raw: ProfitAndLossQuery = {}): Promise<ProfitAndLoss> {
  const query = validate(profitAndLossQuery, raw);
  const comparing = query.compareFrom !== undefined || query.compareTo !== undefined;
  const dims = { costCenter: query.costCenter, project: query.project, department: query.department };
  return ctx.db.tenant(ctx.companyId, async (tx) => {
    const { baseCurrency } = await loadBooks(tx, ctx.companyId);
    const chart = await loadChart(tx, ctx.companyId);
    const current = await resultByAccount(tx, ctx.companyId, baseCurrency, chart, { from: query.from, to: query.to, ...dims });
    const compare = comparing
      ? await resultByAccount(tx, ctx.companyId, baseCurrency, chart, { from: query.compareFrom, to: query.compareTo, ...dims })
      : null;
    const income = buildSection('income', chart.filter(ofType('income')), { current, compare });
    const expenses = buildSection('expenses', chart.filter(ofType('expense')), { current, compare });
    return {
      from: query.from ?? null,
      to: query.to ?? null,
      compareFrom: query.compareFrom ?? null,
      compareTo: query.compareTo ?? null,
      currency: baseCurrency,
      income: income.section,
      expenses: expenses.section,
      netResult: pair(income.amount - expenses.amount, comparing ? (income.compare ?? 0n) - (expenses.compare ?? 0n) : null),
    };
  });
}
