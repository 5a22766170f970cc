import { beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../platform/audit/actor.ts';
import type { ServiceContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { describeEachEngine } from '../../../platform/testing/engines.ts';
import { count, seedCompany } from '../../../platform/testing/http.ts';
import { deleteRate, listRates, rateAt, setRate } from './exchange-rates.ts';
import { exportRatesCsv, importRatesCsv } from './rates-csv.ts';

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describeEachEngine('exchange rates', (use) => {
  let ctx: ServiceContext;
  const audits = (action: string) => count(use(), 'audit_events', 'company_id = $1 AND action = $2', [ctx.companyId, action]);
  const at = (currency: string, date: string) => use().tenant(ctx.companyId, (tx) => rateAt(tx, ctx.companyId, currency, date));

  beforeAll(async () => {
    const { company } = await seedCompany(use());
    ctx = { db: use(), companyId: company.id, actor: SYSTEM_ACTOR };
  });

  it('sets a rate against the base currency, replaces it on the same date, and audits both', async () => {
    const first = await setRate(ctx, { currency: 'USD', date: '2026-01-31', rate: '0.91' });
    expect(first).toMatchObject({ currency: 'USD', quote: 'EUR', date: '2026-01-31', rate: '0.91', source: 'manual' });
    const again = await setRate(ctx, { currency: 'USD', date: '2026-01-31', rate: '0.9150000001' });
    expect(again.rate).toBe('0.9150000001');
    expect(await count(use(), 'exchange_rates', 'company_id = $1', [ctx.companyId])).toBe(1);
    expect(await audits('ledger.fx_rate.set')).toBe(2);
  });

  it('refuses bad rates with field errors and writes nothing', async () => {
    const before = await count(use(), 'exchange_rates', 'company_id = $1', [ctx.companyId]);
    for (const [input, path] of [
      [{ currency: 'USD', date: '2026-01-31', rate: '0' }, 'rate'],
      [{ currency: 'USD', date: '2026-01-31', rate: '1.12345678901' }, 'rate'],
      [{ currency: 'USD', date: '2026-01-31', rate: 1.1 }, 'rate'],
      [{ currency: 'usd', date: '2026-01-31', rate: '1.1' }, 'currency'],
      [{ currency: 'USD', date: '2026-02-30', rate: '1.1' }, 'date'],
      [{ currency: 'USD', quote: 'USD', date: '2026-01-31', rate: '1.1' }, 'quote'],
      [{ currency: 'EUR', date: '2026-01-31', rate: '1.1' }, 'currency'],
    ] as const) {
      const err = await refusal(setRate(ctx, input as never));
      expect(err.code).toBe('VALIDATION_FAILED');
      expect(err.errors.map((e) => e.path)).toContain(path);
    }
    expect(await count(use(), 'exchange_rates', 'company_id = $1', [ctx.companyId])).toBe(before);
  });

  it('looks up the latest rate on or before a date, and inverts a base→currency rate only exactly', async () => {
    await setRate(ctx, { currency: 'USD', date: '2026-03-01', rate: '0.93' });
    expect(await at('USD', '2026-02-15')).toEqual({ currency: 'USD', rate: '0.9150000001', date: '2026-01-31', inverted: false });
    expect(await at('USD', '2026-03-01')).toMatchObject({ rate: '0.93', date: '2026-03-01' });
    expect(await at('EUR', '2026-03-01')).toMatchObject({ rate: '1.0' });
    // A later EUR→USD rate is better information; 1 / 1.25 = 0.8 exactly.
    await setRate(ctx, { currency: 'EUR', quote: 'USD', date: '2026-03-10', rate: '1.25' });
    expect(await at('USD', '2026-03-10')).toEqual({ currency: 'USD', rate: '0.8', date: '2026-03-10', inverted: true });
    await setRate(ctx, { currency: 'EUR', quote: 'USD', date: '2026-03-11', rate: '1.08' });
    const inexact = await refusal(at('USD', '2026-03-11'));
    expect(inexact.errors[0]?.message).toContain('add the USD→EUR rate');
    const missing = await refusal(at('GBP', '2026-03-11'));
    expect(missing.errors).toEqual([{ path: 'date', message: 'there is no GBP rate on or before 2026-03-11; add one' }]);
    const early = await refusal(at('USD', '2025-12-31'));
    expect(early.errors[0]?.message).toContain('no USD rate');
  });

  it('lists newest first with filters and cursor paging', async () => {
    const all = await listRates(ctx, { limit: 50 });
    expect(all.items.map((r) => `${r.date} ${r.currency}/${r.quote}`)).toEqual([
      '2026-03-11 EUR/USD',
      '2026-03-10 EUR/USD',
      '2026-03-01 USD/EUR',
      '2026-01-31 USD/EUR',
    ]);
    const pages: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listRates(ctx, { limit: 3, currency: 'USD', ...(cursor ? { cursor } : {}) });
      pages.push(...page.items.map((r) => r.date));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(pages).toEqual(['2026-03-11', '2026-03-10', '2026-03-01', '2026-01-31']);
    const ranged = await listRates(ctx, { limit: 50, from: '2026-02-01', to: '2026-03-10' });
    expect(ranged.items.map((r) => r.date)).toEqual(['2026-03-10', '2026-03-01']);
  });

  it('deletes one rate (audited) and answers not found for a rate that is not there', async () => {
    await deleteRate(ctx, { currency: 'EUR', quote: 'USD', date: '2026-03-11' });
    expect(await audits('ledger.fx_rate.deleted')).toBe(1);
    expect((await refusal(deleteRate(ctx, { currency: 'EUR', quote: 'USD', date: '2026-03-11' }))).code).toBe('NOT_FOUND');
  });

  it('imports a CSV all or nothing, each error naming its line and column', async () => {
    const before = await count(use(), 'exchange_rates', 'company_id = $1', [ctx.companyId]);
    const bad = await refusal(
      importRatesCsv(ctx, 'date,currency,rate\n2026-04-01,GBP,1.17\n2026-04-31,GBP,1.18\n2026-04-02,gbp,-1\n2026-04-01,GBP,1.19\n'),
    );
    expect(bad.errors).toEqual([
      { path: 'line 3: date', message: expect.any(String) },
      { path: 'line 4: currency', message: 'must be an ISO 4217 code like EUR' },
      { path: 'line 4: rate', message: expect.any(String) },
      { path: 'line 5: date', message: 'repeats the GBP/EUR rate of 2026-04-01 given on line 2' },
    ]);
    const header = await refusal(importRatesCsv(ctx, 'day,currency,rate\n'));
    expect(header.errors.map((e) => e.path)).toEqual(['line 1: day', 'line 1: date']);
    expect(await count(use(), 'exchange_rates', 'company_id = $1', [ctx.companyId])).toBe(before);

    const result = await importRatesCsv(
      ctx,
      'date,currency,rate,quote\r\n2026-04-01,GBP,1.17,\r\n2026-03-01,USD,0.93,EUR\r\n2026-03-01,USD,0.94,JPY\r\n',
    );
    expect(result).toEqual({ created: 2, updated: 0, unchanged: 1 });
    const updated = await importRatesCsv(ctx, 'currency,date,rate\nGBP,2026-04-01,1.171\n');
    expect(updated).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(await at('GBP', '2026-04-30')).toMatchObject({ rate: '1.171' });
    expect(await audits('ledger.fx_rates.imported')).toBe(2);
  });

  it('exports the rates as a CSV the import reads back unchanged', async () => {
    const csv = await exportRatesCsv(ctx, { currency: 'GBP' });
    expect(csv).toBe('date,currency,rate,quote\n2026-04-01,GBP,1.171,EUR\n');
    const all = await exportRatesCsv(ctx, {});
    expect(await importRatesCsv(ctx, all)).toEqual({ created: 0, updated: 0, unchanged: 5 });
  });
});
