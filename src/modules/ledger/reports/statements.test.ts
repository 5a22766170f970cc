import { beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../platform/audit/actor.ts';
import type { ServiceContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { describeEachEngine } from '../../../platform/testing/engines.ts';
import { postEntry, trialBalance } from '../index.ts';
import { balanceSheet } from './balance-sheet.ts';
import { cashFlow } from './cash-flow.ts';
import { generalLedger, wholeGeneralLedger } from './general-ledger.ts';
import { cr, dr, seedKnownCompany } from './known-company.test-fixture.ts';
import { profitAndLoss } from './profit-and-loss.ts';
import type { StatementSection } from './report-model.ts';

/** `[code or name, amount, compare]` of every line of a section, for compact assertions. */
const lines = (section: StatementSection) => section.groups.flatMap((g) => g.lines.map((l) => [l.code ?? l.name, l.amount, l.compare]));

describeEachEngine('financial statements', (use) => {
  let ctx: ServiceContext;

  beforeAll(async () => {
    ctx = await seedKnownCompany({ db: use(), actor: SYSTEM_ACTOR });
  });

  describe('balance sheet', () => {
    it('adds the unclosed result to equity, so assets equal liabilities and equity, at two dates', async () => {
      const bs = await balanceSheet(ctx, { at: '2025-06-30', compareAt: '2025-03-31' });
      expect(lines(bs.assets)).toEqual([
        ['1100', '50.00', '50.00'],
        ['1200', '10210.00', '7000.00'],
        ['1300', '0.00', '1210.00'],
        ['1700', '3000.00', '3000.00'],
        ['1790', '-100.00', '0.00'],
      ]);
      expect(bs.assets.total).toEqual({ amount: '13160.00', compare: '11260.00' });
      expect(lines(bs.liabilities)).toEqual([
        ['2100', '500.00', '500.00'],
        ['2200', '210.00', '210.00'],
        ['2500', '2000.00', '0.00'],
      ]);
      expect(lines(bs.equity)).toEqual([
        ['3100', '10000.00', '10000.00'],
        ['Result of prior years not yet closed', '50.00', '50.00'],
        ['Current year earnings', '400.00', '500.00'],
      ]);
      expect(bs.equity.groups.map((g) => g.subtype)).toEqual(['capital', 'unclosed_result']);
      expect(bs.liabilitiesAndEquity).toEqual({ amount: '13160.00', compare: '11260.00' });
      expect(bs.difference).toEqual({ amount: '0.00', compare: '0.00' });
      expect(bs.balanced).toBe(true);
      expect(bs.assets.groups.find((g) => g.subtype === 'bank')?.total).toEqual({ amount: '10210.00', compare: '7000.00' });
    });

    it('without a comparison date, gives null comparisons', async () => {
      const bs = await balanceSheet(ctx, { at: '2024-12-31' });
      expect(bs.compareAt).toBeNull();
      expect(lines(bs.assets)).toEqual([['1100', '50.00', null]]);
      expect(lines(bs.equity)).toEqual([['Current year earnings', '50.00', null]]);
    });
  });

  describe('profit and loss', () => {
    it('gives income, expenses and the net result for a range and a comparative range', async () => {
      const pl = await profitAndLoss(ctx, { from: '2025-01-01', to: '2025-06-30', compareFrom: '2024-01-01', compareTo: '2024-12-31' });
      expect(lines(pl.income)).toEqual([
        ['4100', '1000.00', '0.00'],
        ['4200', '0.00', '50.00'],
      ]);
      expect(lines(pl.expenses)).toEqual([
        ['6300', '500.00', '0.00'],
        ['6500', '100.00', '0.00'],
      ]);
      expect(pl.expenses.groups.map((g) => [g.subtype, g.total.amount])).toEqual([
        ['operating', '500.00'],
        ['depreciation', '100.00'],
      ]);
      expect(pl.netResult).toEqual({ amount: '400.00', compare: '50.00' });
    });

    it('filters by cost centre and by project', async () => {
      const cc1 = await profitAndLoss(ctx, { from: '2025-01-01', to: '2025-12-31', costCenter: 'CC1' });
      expect(lines(cc1.income)).toEqual([['4100', '1000.00', null]]);
      expect(lines(cc1.expenses)).toEqual([]);
      expect(cc1.netResult.amount).toBe('1000.00');
      const p1 = await profitAndLoss(ctx, { project: 'P1' });
      expect(p1.netResult.amount).toBe('-500.00');
      expect((await profitAndLoss(ctx, { department: 'NONE' })).netResult.amount).toBe('0.00');
    });

    it('refuses a range that ends before it starts, naming the field', async () => {
      const err = await profitAndLoss(ctx, { from: '2025-02-01', to: '2025-01-01' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).errors).toEqual([{ path: 'from', message: 'must not be after to' }]);
    });
  });

  describe('cash flow', () => {
    it('explains the change of the cash accounts from the result, working capital, investing and financing', async () => {
      const cf = await cashFlow(ctx, { from: '2025-01-01', to: '2025-06-30' });
      expect(lines(cf.operating)).toEqual([
        ['Net result', '400.00', null],
        ['1790', '100.00', null],
        ['2100', '500.00', null],
        ['2200', '210.00', null],
      ]);
      expect(cf.operating.total.amount).toBe('1210.00');
      expect(lines(cf.investing)).toEqual([['1700', '-3000.00', null]]);
      expect(lines(cf.financing)).toEqual([
        ['2500', '2000.00', null],
        ['3100', '10000.00', null],
      ]);
      expect(cf.netChange.amount).toBe('10210.00');
      expect(cf.cash).toEqual({ opening: '50.00', closing: '10260.00', change: '10210.00' });
      expect(cf).toMatchObject({ difference: '0.00', balanced: true });
    });
  });

  describe('general ledger', () => {
    it('gives an account’s opening balance, lines with a running balance and closing balance, paged', async () => {
      const bank = (await generalLedger(ctx, { from: '2025-02-01', to: '2025-06-30', limit: 1 })).accounts.find((a) => a.code === '1200');
      expect(bank).toMatchObject({ opening: '10000.00', debit: '3210.00', credit: '3000.00', closing: '10210.00' });
      const seen: [string, string, string, string][] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await generalLedger(ctx, { accountId: bank?.accountId, from: '2025-02-01', to: '2025-06-30', limit: 1, cursor });
        for (const l of page.lines) seen.push([l.date, l.debit, l.credit, l.balance]);
        cursor = page.nextCursor ?? undefined;
        pages++;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toEqual([
        ['2025-02-01', '0.00', '3000.00', '7000.00'],
        ['2025-04-01', '1210.00', '0.00', '8210.00'],
        ['2025-05-01', '2000.00', '0.00', '10210.00'],
      ]);
    });

    it('covers every account with a balance, in code order, lines linked to their entries', async () => {
      const all = await wholeGeneralLedger(ctx, { from: '2025-01-01' });
      expect(all.accounts.map((a) => a.code)).toEqual([
        '1100',
        '1200',
        '1300',
        '1700',
        '1790',
        '2100',
        '2200',
        '2500',
        '3100',
        '4100',
        '4200',
        '6300',
        '6500',
      ]);
      // 4200 had its only line in 2024: an opening balance and nothing in the range.
      expect(all.accounts.find((a) => a.code === '4200')).toMatchObject({
        opening: '-50.00',
        debit: '0.00',
        credit: '0.00',
        closing: '-50.00',
      });
      expect(all.lines).toHaveLength(15);
      expect(all.lines.every((l) => l.journalCode === 'GEN' && l.entryId.length === 36)).toBe(true);
      const byCc = await wholeGeneralLedger(ctx, { costCenter: 'CC2' });
      expect(byCc.lines.map((l) => [l.memo, l.debit])).toEqual([['Rent of March', '500.00']]);
    });

    it('resumes each account’s running balance across pages, ending at its closing balance', async () => {
      const query = { from: '2025-03-01', to: '2025-06-30', limit: 2 };
      const first = await generalLedger(ctx, query);
      const last = new Map<string, string>();
      let page = first;
      for (;;) {
        for (const l of page.lines) last.set(l.accountId, l.balance);
        if (!page.nextCursor) break;
        page = await generalLedger(ctx, { ...query, cursor: page.nextCursor });
      }
      const moved = first.accounts.filter((a) => a.debit !== '0.00' || a.credit !== '0.00');
      expect(moved.length).toBeGreaterThan(5);
      for (const account of moved) expect([account.code, last.get(account.accountId)]).toEqual([account.code, account.closing]);
    });

    it('refuses a forged cursor', async () => {
      const forged = Buffer.from(JSON.stringify(['1200', 'not-a-date', 'x', '1'])).toString('base64url');
      const err = await generalLedger(ctx, { cursor: forged }).catch((e: unknown) => e);
      expect((err as AppError).errors).toEqual([{ path: 'cursor', message: 'is invalid' }]);
    });
  });

  describe('trial balance', () => {
    it('filters by dimension', async () => {
      const tb = await trialBalance(ctx, { costCenter: 'CC1' });
      expect(tb.rows.map((r) => [r.code, r.balance])).toEqual([['4100', '-1000.00']]);
    });
  });

  describe('a closed year', () => {
    it('still shows its result in the P&L, while the balance sheet carries it in retained earnings', async () => {
      await ctx.db.tenant(ctx.companyId, (tx) =>
        postEntry(
          tx,
          ctx.companyId,
          SYSTEM_ACTOR,
          { journalCode: 'GEN', date: '2024-12-31', memo: 'Closing 2024', lines: [dr('4200', '50'), cr('3200', '50')] },
          { purpose: 'closing' },
        ),
      );
      const pl = await profitAndLoss(ctx, { from: '2024-01-01', to: '2024-12-31' });
      expect(pl.netResult.amount).toBe('50.00');
      const bs = await balanceSheet(ctx, { at: '2025-06-30' });
      expect(lines(bs.equity)).toEqual([
        ['3100', '10000.00', null],
        ['3200', '50.00', null],
        ['Current year earnings', '400.00', null],
      ]);
      expect(bs.balanced).toBe(true);
      const cf = await cashFlow(ctx, { from: '2024-01-01', to: '2024-12-31' });
      expect(cf.operating.groups[0]?.lines[0]?.amount).toBe('50.00');
      expect(lines(cf.financing)).toEqual([]);
      expect(cf.balanced).toBe(true);
    });
  });
});
