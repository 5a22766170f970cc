import { z } from 'zod';
import type { ServiceContext } from '../../../platform/context.ts';
import { loadBooks } from '../entry-lines.ts';
import { fromValueUnits } from '../money.ts';
import { validate } from '../validate.ts';
import {
  amountPair,
  buildSection,
  dayBefore,
  loadChart,
  netByAccount,
  pair,
  type ReportAccount,
  rangesInOrder,
  statementSection,
} from './report-model.ts';

/** Subtypes whose accounts are cash: the statement explains their change. */
export const CASH_SUBTYPES: readonly string[] = ['cash', 'bank'];
/** Asset subtypes whose changes are investing flows (buying or selling long-lived assets). */
const INVESTING_SUBTYPES: readonly string[] = ['fixed_asset', 'deposit'];
/** Liability subtypes whose changes are financing flows (borrowing and repaying). */
const FINANCING_LIABILITY_SUBTYPES: readonly string[] = ['loan'];

type Activity = 'operating' | 'investing' | 'financing';

/**
 * Where an account's change goes. Equity is financing (capital in, dividends out); loans are financing;
 * fixed assets and long-term deposits are investing; every other non-cash asset or liability (receivables,
 * payables, inventory, taxes, accumulated depreciation…) adjusts the result in operating activities.
 */
function activityOf(account: ReportAccount): Activity | null {
  const subtype = account.subtype ?? '';
  if (account.type === 'income' || account.type === 'expense') return null;
  if (account.type === 'asset' && CASH_SUBTYPES.includes(subtype)) return null;
  if (account.type === 'equity') return 'financing';
  if (account.type === 'liability' && FINANCING_LIABILITY_SUBTYPES.includes(subtype)) return 'financing';
  if (account.type === 'asset' && INVESTING_SUBTYPES.includes(subtype)) return 'investing';
  return 'operating';
}

const isCash = (a: ReportAccount) => a.type === 'asset' && CASH_SUBTYPES.includes(a.subtype ?? '');

/* Dimensions are not offered: cash accounts rarely carry a cost centre, so the check could not hold. */
export const cashFlowFilters = { from: z.iso.date().optional(), to: z.iso.date().optional() };
export const cashFlowRanges = [['from', 'to']] as const;
export const cashFlowQuery = z.strictObject(cashFlowFilters).superRefine(rangesInOrder(...cashFlowRanges));
export type CashFlowQuery = z.input<typeof cashFlowQuery>;

export const cashFlowSchema = z
  .object({
    from: z.string().nullable(),
    to: z.string().nullable(),
    currency: z.string(),
    operating: statementSection.describe(
      'The net result (group `net_result`), then the change of each non-cash working-capital account as a cash effect: ' +
        'an asset that grew is negative, a liability that grew is positive',
    ),
    investing: statementSection.describe('Cash effect of fixed assets and long-term deposits (a purchase is negative)'),
    financing: statementSection.describe('Cash effect of equity and loans (capital or a loan received is positive)'),
    netChange: amountPair.describe('Operating + investing + financing'),
    cash: z.object({
      opening: z.string().describe('Balance of the cash and bank accounts the day before `from`'),
      closing: z.string().describe('Balance of the cash and bank accounts at `to`'),
      change: z.string().describe('Closing minus opening'),
    }),
    /** The check: the cash accounts' change minus the statement's net change; zero when the statement explains it. */
    difference: z.string(),
    balanced: z.boolean(),
  })
  .describe('Cash flow statement (indirect method) over posted entries; closing entries are left out of the flows');
export type CashFlow = z.infer<typeof cashFlowSchema>;

export async function cashFlow(ctx: ServiceContext, raw: CashFlowQuery = {}): Promise<CashFlow> {
  const query = validate(cashFlowQuery, raw);
  return ctx.db.tenant(ctx.companyId, async (tx) => {
    const { baseCurrency } = await loadBooks(tx, ctx.companyId);
    const chart = await loadChart(tx, ctx.companyId);
    // Closing entries only move the year's result from income and expenses into equity: no cash moves,
    // and leaving them out keeps the result the P&L shows.
    const net = await netByAccount(tx, ctx.companyId, { baseCurrency, from: query.from, to: query.to, excludePurposes: ['closing'] });
    // Every account's cash effect is credit minus debit: a balanced entry's effects on non-cash accounts
    // add up to the debit it makes to cash.
    const effect = new Map([...net].map(([id, value]) => [id, -value]));
    const values = { current: effect, compare: null };
    let netResult = 0n;
    for (const account of chart) if (account.type === 'income' || account.type === 'expense') netResult += effect.get(account.id) ?? 0n;
    const section = (activity: Activity) => chart.filter((a) => activityOf(a) === activity);
    const resultLine = { key: 'net_result', name: 'Net result', nameEs: 'Resultado del ejercicio', amount: netResult, compare: null };
    const operating = buildSection('operating', section('operating'), values, { subtype: 'net_result', lines: [resultLine], first: true });
    const investing = buildSection('investing', section('investing'), values);
    const financing = buildSection('financing', section('financing'), values);
    const netChange = operating.amount + investing.amount + financing.amount;

    const cashIds = new Set(chart.filter(isCash).map((a) => a.id));
    const cashAt = async (to: string | undefined) => {
      const balances = await netByAccount(tx, ctx.companyId, { baseCurrency, to });
      let total = 0n;
      for (const [id, value] of balances) if (cashIds.has(id)) total += value;
      return total;
    };
    const opening = query.from === undefined ? 0n : await cashAt(dayBefore(query.from));
    const closing = await cashAt(query.to);
    const change = closing - opening;
    return {
      from: query.from ?? null,
      to: query.to ?? null,
      currency: baseCurrency,
      operating: operating.section,
      investing: investing.section,
      financing: financing.section,
      netChange: pair(netChange, null),
      cash: { opening: fromValueUnits(opening), closing: fromValueUnits(closing), change: fromValueUnits(change) },
      difference: fromValueUnits(change - netChange),
      balanced: change === netChange,
    };
  });
}
