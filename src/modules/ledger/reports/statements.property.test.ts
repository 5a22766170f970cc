import fc from 'fast-check';
import { expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../platform/audit/actor.ts';
import type { ServiceContext } from '../../../platform/context.ts';
import { describeEachEngine } from '../../../platform/testing/engines.ts';
import { seedCompany } from '../../../platform/testing/http.ts';
import { CHART_TEMPLATES } from '../chart-templates.ts';
import { applyChartTemplate, fromUnits, postEntry } from '../index.ts';
import { toValueUnits } from '../money.ts';
import { balanceSheet } from './balance-sheet.ts';
import { cashFlow } from './cash-flow.ts';
import { profitAndLoss } from './profit-and-loss.ts';

const CODES = CHART_TEMPLATES.generic.map((a) => a.code);
const day = fc
  .date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2025-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
/** An amount in units of 1/10,000 (up to a million, down to 0.0001). */
const amount = fc.bigInt({ min: 1n, max: 10_000_000_000n });
/** A balanced entry: each pair debits one account and credits another with the same amount. */
const entry = fc.record({
  date: day,
  pairs: fc.array(fc.record({ debit: fc.constantFrom(...CODES), credit: fc.constantFrom(...CODES), amount }), {
    minLength: 1,
    maxLength: 3,
  }),
});

describeEachEngine('financial statements (properties)', (use) => {
  it('balance sheet balances, P&L result = current year earnings, cash flow explains the cash change', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { minLength: 1, maxLength: 8 }), day, day, async (entries, d1, d2) => {
        const db = use();
        const { company } = await seedCompany(db);
        const ctx: ServiceContext = { db, companyId: company.id, actor: SYSTEM_ACTOR };
        await db.tenant(company.id, async (tx) => {
          await applyChartTemplate(tx, company.id, 'generic');
          for (const e of entries) {
            const lines = e.pairs.flatMap((p) => [
              { accountCode: p.debit, debit: fromUnits(p.amount) },
              { accountCode: p.credit, credit: fromUnits(p.amount) },
            ]);
            await postEntry(tx, company.id, SYSTEM_ACTOR, { journalCode: 'GEN', date: e.date, lines });
          }
        });
        const [from, to] = d1 <= d2 ? [d1, d2] : [d2, d1];
        const bs = await balanceSheet(ctx, { at: to, compareAt: from });
        expect(bs.difference).toEqual({ amount: '0.00', compare: '0.00' });
        expect(bs.assets.total.amount).toBe(bs.liabilitiesAndEquity.amount);

        const earnings = bs.equity.groups.find((g) => g.subtype === 'unclosed_result')?.lines ?? [];
        const currentYear = earnings.find((l) => l.name === 'Current year earnings');
        const yearStart = `${to.slice(0, 4)}-01-01`;
        const pl = await profitAndLoss(ctx, { from: yearStart, to });
        expect(pl.netResult.amount).toBe(currentYear?.amount);
        const sinceEver = await profitAndLoss(ctx, { to });
        const unclosed = earnings.reduce((sum, l) => sum + toValueUnits(l.amount), 0n);
        expect(toValueUnits(sinceEver.netResult.amount)).toBe(unclosed);

        const cf = await cashFlow(ctx, { from, to });
        expect(cf.balanced).toBe(true);
        expect(cf.netChange.amount).toBe(cf.cash.change);
        expect(cf.operating.groups[0]?.lines[0]?.amount).toBe((await profitAndLoss(ctx, { from, to })).netResult.amount);
      }),
      { numRuns: 15 },
    );
  }, 120_000);
});
