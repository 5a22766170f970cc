import { expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../platform/audit/actor.ts';
import { createCompany } from '../platform/companies/companies.ts';
import { describeEachEngine } from '../platform/testing/engines.ts';
import { registerModules } from './index.ts';
import { CHART_TEMPLATES, listAccounts, listJournals } from './ledger/index.ts';

describeEachEngine('company set-up by the modules', (use) => {
  it('gives a new company the generic chart of accounts and the journals, in the creating transaction', async () => {
    registerModules();
    const db = use();
    const company = await createCompany(
      db,
      SYSTEM_ACTOR,
      { slug: 'with-chart', name: 'With chart', baseCurrency: 'EUR', country: 'ES', fiscalYearStartMonth: 1, locale: 'es' },
      null,
    );
    const ctx = { db, companyId: company.id, actor: SYSTEM_ACTOR };
    const journals = await listJournals(ctx);
    expect(journals.map((j) => j.code)).toEqual(expect.arrayContaining(['GEN', 'SAL', 'PUR', 'BNK']));
    const accounts = await listAccounts(ctx, { limit: 200, archived: 'exclude' });
    expect(accounts.items).toHaveLength(CHART_TEMPLATES.generic.length);
  });

  it('honours --chart none, and refuses an unknown template without creating the company', async () => {
    registerModules();
    const db = use();
    const input = { name: 'X', baseCurrency: 'EUR', country: 'ES', fiscalYearStartMonth: 1, locale: 'en' as const };
    const empty = await createCompany(db, SYSTEM_ACTOR, { ...input, slug: 'no-chart', chart: 'none' }, null);
    const accounts = await listAccounts({ db, companyId: empty.id, actor: SYSTEM_ACTOR }, { limit: 10, archived: 'include' });
    expect(accounts.items).toEqual([]);
    await expect(createCompany(db, SYSTEM_ACTOR, { ...input, slug: 'bad-chart', chart: 'klingon' }, null)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'chart' }],
    });
    const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM companies WHERE slug = 'bad-chart'`);
    expect(row?.n).toBe(0);
  });
});
