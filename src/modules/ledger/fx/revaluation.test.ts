import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../platform/audit/actor.ts';
import { createCompany } from '../../../platform/companies/companies.ts';
import type { ServiceContext } from '../../../platform/context.ts';
import type { Database } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/errors.ts';
import { describeEachEngine } from '../../../platform/testing/engines.ts';
import { archiveAccount } from '../archive-account.ts';
import { applyChartTemplate, type ChartTemplate } from '../chart-templates.ts';
import { setLockDate } from '../lock-date.ts';
import { fromUnits, fromValueUnits, toValueUnits } from '../money.ts';
import { postEntry } from '../post-entry.ts';
import { setRate } from './exchange-rates.ts';
import { amountToValueUnits, baseValueOf } from './fx-math.ts';
import { nextDay, postRevaluation, previewRevaluation } from './revaluation.ts';

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

let companies = 0;
async function newCompany(db: Database, chart: ChartTemplate): Promise<ServiceContext> {
  const company = await createCompany(
    db,
    SYSTEM_ACTOR,
    {
      slug: `fx-${chart}-${Date.now().toString(36)}-${companies++}`,
      name: 'FX Test',
      baseCurrency: 'EUR',
      country: 'ES',
      fiscalYearStartMonth: 1,
      locale: 'en',
      chart: 'none',
    },
    null,
  );
  await db.tenant(company.id, (tx) => applyChartTemplate(tx, company.id, chart));
  return { db, companyId: company.id, actor: SYSTEM_ACTOR };
}

const foreign = (accountCode: string, side: 'debit' | 'credit', currency: string, amountCurrency: string, rate: string, base: string) => ({
  accountCode,
  [side]: base,
  currency,
  amountCurrency,
  rate,
});
const local = (accountCode: string, side: 'debit' | 'credit', value: string) => ({ accountCode, [side]: value });

/** An account's base balance (debit − credit) over posted entries up to a date. */
async function balance(ctx: ServiceContext, code: string, date: string): Promise<string> {
  const [row] = await ctx.db.tenant(ctx.companyId, (tx) =>
    tx.query<{ b: string }>(
      `SELECT coalesce(sum(l.debit - l.credit), 0)::text AS b FROM journal_lines l
         JOIN journal_entries e ON e.company_id = l.company_id AND e.id = l.entry_id
         JOIN accounts a ON a.company_id = l.company_id AND a.id = l.account_id
        WHERE l.company_id = $1 AND a.code = $2 AND e.status = 'posted' AND e.date <= $3::date`,
      [ctx.companyId, code, date],
    ),
  );
  return fromValueUnits(toValueUnits(row?.b ?? '0'));
}

/** Entries whose debits and credits differ (there must be none). */
async function unbalancedEntries(ctx: ServiceContext): Promise<number> {
  const rows = await ctx.db.tenant(ctx.companyId, (tx) =>
    tx.query(
      `SELECT entry_id FROM journal_lines WHERE company_id = $1 GROUP BY entry_id, value_currency HAVING sum(debit) <> sum(credit)`,
      [ctx.companyId],
    ),
  );
  return rows.length;
}

describeEachEngine('unrealized FX revaluation', (use) => {
  let ctx: ServiceContext;
  const post = (input: Parameters<typeof postEntry>[3]) =>
    ctx.db.tenant(ctx.companyId, (tx) => postEntry(tx, ctx.companyId, ctx.actor, input));
  const idOf = async (code: string) => {
    const [row] = await use().tenant(ctx.companyId, (tx) =>
      tx.query<{ id: string }>('SELECT id FROM accounts WHERE company_id = $1 AND code = $2', [ctx.companyId, code]),
    );
    return row?.id as string;
  };

  beforeAll(async () => {
    ctx = await newCompany(use(), 'es-pgc');
    await post({
      journalCode: 'GEN',
      date: '2026-01-10',
      lines: [foreign('572', 'debit', 'USD', '1000', '0.9', '900'), local('100', 'credit', '900')],
    });
    await post({
      journalCode: 'SAL',
      date: '2026-01-15',
      lines: [foreign('430', 'debit', 'USD', '500', '0.92', '460'), local('700', 'credit', '460')],
    });
    await post({
      journalCode: 'PUR',
      date: '2026-01-20',
      lines: [local('600', 'debit', '450'), foreign('400', 'credit', 'USD', '500', '0.9', '450')],
    });
    await setRate(ctx, { currency: 'USD', date: '2026-03-31', rate: '0.95' });
  });

  it('previews each holding: foreign balance, current value, value at the rate, difference', async () => {
    const preview = await previewRevaluation(ctx, { date: '2026-03-31' });
    expect(
      preview.rows.map((r) => [r.accountCode, r.currency, r.foreignBalance, r.baseValue, r.rate, r.revaluedValue, r.difference]),
    ).toEqual([
      ['400', 'USD', '-500.00', '-450.00', '0.95', '-475.00', '-25.00'],
      ['430', 'USD', '500.00', '460.00', '0.95', '475.00', '15.00'],
      ['572', 'USD', '1000.00', '900.00', '0.95', '950.00', '50.00'],
    ]);
    expect(preview).toMatchObject({ reversalDate: '2026-04-01', totalGain: '65.00', totalLoss: '25.00' });
    expect(preview.gainAccount?.code).toBe('768');
    expect(preview.lossAccount?.code).toBe('668');
    const only = await previewRevaluation(ctx, { date: '2026-03-31', accountIds: [await idOf('572')] });
    expect(only.rows.map((r) => r.accountCode)).toEqual(['572']);
  });

  it('posts one entry on the date and its reversal the next day, moving only base values', async () => {
    const result = await postRevaluation(ctx, { date: '2026-03-31' });
    expect(result.entry).toMatchObject({ journalCode: 'GEN', date: '2026-03-31', purpose: 'revaluation', totalDebit: '90.00' });
    expect(result.entry.lines.map((l) => [l.accountCode, l.debit, l.credit, l.currency, l.amountCurrency])).toEqual([
      ['400', '0.00', '25.00', 'EUR', '25.00'],
      ['430', '15.00', '0.00', 'EUR', '15.00'],
      ['572', '50.00', '0.00', 'EUR', '50.00'],
      ['768', '0.00', '65.00', 'EUR', '65.00'],
      ['668', '25.00', '0.00', 'EUR', '25.00'],
    ]);
    expect(result.reversal).toMatchObject({ date: '2026-04-01', reversalOf: result.entry.id, purpose: 'revaluation', totalDebit: '90.00' });
    expect(result.entry.reversedBy).toBe(result.reversal.id);
    expect(await balance(ctx, '572', '2026-03-31')).toBe('950.00');
    expect(await balance(ctx, '400', '2026-03-31')).toBe('-475.00');
    expect(await balance(ctx, '572', '2026-04-01')).toBe('900.00');
    expect(await balance(ctx, '768', '2026-04-01')).toBe('0.00');
    expect(await unbalancedEntries(ctx)).toBe(0);
  });

  it('counts earlier revaluations: the same date again has nothing left, a changed rate only the change', async () => {
    const again = await refusal(postRevaluation(ctx, { date: '2026-03-31' }));
    expect(again.code).toBe('INVALID_STATE');
    await setRate(ctx, { currency: 'USD', date: '2026-03-31', rate: '0.96' });
    const preview = await previewRevaluation(ctx, { date: '2026-03-31', accountIds: [await idOf('572')] });
    expect(preview.rows[0]).toMatchObject({ baseValue: '950.00', revaluedValue: '960.00', difference: '10.00' });
    await postRevaluation(ctx, { date: '2026-03-31', accountIds: [await idOf('572')] });
    expect(await balance(ctx, '572', '2026-03-31')).toBe('960.00');
    expect(await balance(ctx, '572', '2026-04-01')).toBe('900.00');
    // A later revaluation starts again from the historical value: both earlier ones are reversed by then.
    const later = await previewRevaluation(ctx, { date: '2026-04-30', accountIds: [await idOf('572')] });
    expect(later.rows[0]).toMatchObject({ baseValue: '900.00', rate: '0.96', revaluedValue: '960.00' });
  });

  it('refuses a missing rate (naming the currency), a locked date, and accounts that cannot be revalued; writes nothing', async () => {
    await post({
      journalCode: 'GEN',
      date: '2026-02-01',
      lines: [foreign('572', 'debit', 'GBP', '100', '1.15', '115'), local('100', 'credit', '115')],
    });
    const entriesBefore = await use().query<{ n: number }>('SELECT count(*)::int AS n FROM journal_entries');
    const missing = await refusal(postRevaluation(ctx, { date: '2026-03-31' }));
    expect(missing.errors).toEqual([{ path: 'date', message: 'there is no GBP rate on or before 2026-03-31; add one' }]);
    const income = await refusal(previewRevaluation(ctx, { date: '2026-03-31', accountIds: [await idOf('572'), await idOf('700')] }));
    expect(income.errors).toEqual([
      { path: 'accountIds.1', message: 'account 700 is income; only asset and liability accounts are revalued' },
    ]);
    await setLockDate(ctx, { lockDate: '2026-02-28' });
    const locked = await refusal(postRevaluation(ctx, { date: '2026-02-15' }));
    expect(locked.code).toBe('INVALID_STATE');
    expect(locked.errors[0]?.path).toBe('date');
    expect(await use().query('SELECT count(*)::int AS n FROM journal_entries')).toEqual(entriesBefore);
  });

  it('finds no gain or loss account once they are archived, and posts to the ones named', async () => {
    await setRate(ctx, { currency: 'GBP', date: '2026-05-31', rate: '1.17' });
    await archiveAccount(ctx, await idOf('768'));
    await archiveAccount(ctx, await idOf('668'));
    const err = await refusal(postRevaluation(ctx, { date: '2026-05-31' }));
    expect(err.errors.map((e) => e.path).sort()).toEqual(['gainAccountId', 'lossAccountId']);
    const asset = await refusal(
      postRevaluation(ctx, { date: '2026-05-31', gainAccountId: await idOf('430'), lossAccountId: await idOf('669') }),
    );
    expect(asset.errors).toEqual([{ path: 'gainAccountId', message: 'must be an income or expense account' }]);
    const result = await postRevaluation(ctx, { date: '2026-05-31', gainAccountId: await idOf('769'), lossAccountId: await idOf('669') });
    const codes = result.entry.lines.map((l) => l.accountCode);
    expect(codes).toContain('769');
    expect(codes).toContain('669');
  });

  describe('the generic chart', () => {
    it('posts gains and losses to its single exchange differences account', async () => {
      const generic = await newCompany(use(), 'generic');
      await generic.db.tenant(generic.companyId, async (tx) => {
        await postEntry(tx, generic.companyId, SYSTEM_ACTOR, {
          journalCode: 'GEN',
          date: '2026-01-10',
          lines: [foreign('1200', 'debit', 'USD', '10', '1', '10'), foreign('2100', 'credit', 'USD', '10', '1', '10')],
        });
      });
      await setRate(generic, { currency: 'USD', date: '2026-01-31', rate: '1.5' });
      const result = await postRevaluation(generic, { date: '2026-01-31' });
      expect(result.entry.lines.map((l) => [l.accountCode, l.debit, l.credit])).toEqual([
        ['1200', '5.00', '0.00'],
        ['2100', '0.00', '5.00'],
        ['6700', '0.00', '5.00'],
        ['6700', '5.00', '0.00'],
      ]);
    });
  });

  it('values each holding at round(foreign × rate) on the date and restores it the next day (property)', async () => {
    const accounts = ['1200', '1300', '2100'] as const;
    const rateText = (units: bigint) =>
      fromValueUnits(units)
        .replace(/^(\d+\.\d*?)0*$/, '$1')
        .replace(/\.$/, '');
    const holding = fc.record({
      account: fc.constantFrom(...accounts),
      currency: fc.constantFrom('USD', 'GBP'),
      side: fc.constantFrom('debit' as const, 'credit' as const),
      amount: fc.bigInt({ min: 1n, max: 10n ** 9n }),
      rate: fc.bigInt({ min: 10n ** 6n, max: 3n * 10n ** 10n }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(holding, { minLength: 1, maxLength: 6 }),
        fc.bigInt({ min: 10n ** 6n, max: 3n * 10n ** 10n }),
        fc.bigInt({ min: 10n ** 6n, max: 3n * 10n ** 10n }),
        async (lines, usd, gbp) => {
          const c = await newCompany(use(), 'generic');
          for (const [i, l] of lines.entries()) {
            const base = baseValueOf(amountToValueUnits(l.amount), l.rate);
            if (base === 0n) continue;
            await c.db.tenant(c.companyId, (tx) =>
              postEntry(tx, c.companyId, SYSTEM_ACTOR, {
                journalCode: 'GEN',
                date: `2026-02-${String(i + 1).padStart(2, '0')}`,
                lines: [
                  foreign(l.account, l.side, l.currency, fromUnits(l.amount), rateText(l.rate), fromUnits(base)),
                  local('3100', l.side === 'debit' ? 'credit' : 'debit', fromUnits(base)),
                ],
              }),
            );
          }
          const rates = { USD: usd, GBP: gbp };
          await setRate(c, { currency: 'USD', date: '2026-06-30', rate: rateText(usd) });
          await setRate(c, { currency: 'GBP', date: '2026-06-30', rate: rateText(gbp) });
          const before = new Map<string, string>();
          for (const code of accounts) before.set(code, await balance(c, code, '2026-06-30'));
          const preview = await previewRevaluation(c, { date: '2026-06-30' });
          if (preview.rows.every((r) => toValueUnits(r.difference) === 0n)) {
            expect((await refusal(postRevaluation(c, { date: '2026-06-30' }))).code).toBe('INVALID_STATE');
            return;
          }
          await postRevaluation(c, { date: '2026-06-30' });
          for (const code of accounts) {
            // The holdings of the account, each valued at its rate and rounded on its own.
            const expected = preview.rows
              .filter((r) => r.accountCode === code)
              .reduce(
                (sum, r) => sum + amountToValueUnits(baseValueOf(toValueUnits(r.foreignBalance), rates[r.currency as 'USD' | 'GBP'])),
                0n,
              );
            expect(await balance(c, code, '2026-06-30')).toBe(fromValueUnits(expected));
            expect(await balance(c, code, nextDay('2026-06-30'))).toBe(before.get(code));
          }
          expect(await unbalancedEntries(c)).toBe(0);
        },
      ),
      { numRuns: 12 },
    );
  }, 120_000);
});
