import { beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/audit/actor.ts';
import { createCompany } from '../../platform/companies/companies.ts';
import type { Database } from '../../platform/db/database.ts';
import { describeEachEngine } from '../../platform/testing/engines.ts';
import { ACCOUNT_TYPES } from './account-model.ts';
import { applyChartTemplate, CHART_TEMPLATES, type ChartTemplate } from './chart-templates.ts';
import { DEFAULT_JOURNALS } from './journals.ts';

const TEMPLATES = Object.keys(CHART_TEMPLATES) as ChartTemplate[];
// The CHECK constraints of the accounts table (migrations/0100_ledger.sql).
const CODE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,39}$/;
const SUBTYPE = /^[a-z][a-z_]{0,39}$/;

const byCode = (template: ChartTemplate, code: string) => CHART_TEMPLATES[template].find((x) => x.code === code);

describe.each(TEMPLATES)('chart template %s', (template) => {
  const accounts = CHART_TEMPLATES[template];

  it('has unique codes, and every parent exists earlier with the same type', () => {
    expect(new Set(accounts.map((x) => x.code)).size).toBe(accounts.length);
    accounts.forEach((x, i) => {
      if (!x.parent) return;
      const at = accounts.findIndex((p) => p.code === x.parent);
      expect(at, `parent ${x.parent} of ${x.code}`).toBeGreaterThanOrEqual(0);
      expect(at, `parent ${x.parent} of ${x.code}`).toBeLessThan(i);
      expect(accounts[at]?.type, `type of ${x.code}'s parent`).toBe(x.type);
    });
  });

  it('satisfies the checks of the accounts table', () => {
    for (const x of accounts) {
      expect(x.code, x.code).toMatch(CODE);
      expect(ACCOUNT_TYPES, x.code).toContain(x.type);
      if (x.subtype !== undefined) expect(x.subtype, x.code).toMatch(SUBTYPE);
      for (const name of [x.name, x.nameEs]) {
        expect(name.length, x.code).toBeGreaterThanOrEqual(1);
        expect(name.length, x.code).toBeLessThanOrEqual(200);
      }
    }
  });

  it('has exactly one retained-earnings account, an equity one', () => {
    const retained = accounts.filter((x) => x.subtype === 'retained_earnings');
    expect(retained).toHaveLength(1);
    expect(retained[0]?.type).toBe('equity');
  });
});

describe('es-pgc', () => {
  it.each([
    ['430', 'asset', 'receivable'],
    ['400', 'liability', 'payable'],
    ['410', 'liability', 'payable'],
    ['477', 'liability', 'tax'],
    ['4750', 'liability', 'tax'],
    ['472', 'asset', 'tax'],
    ['570', 'asset', 'cash'],
    ['572', 'asset', 'bank'],
    ['300', 'asset', 'inventory'],
    ['217', 'asset', 'fixed_asset'],
    ['281', 'asset', 'accumulated_depreciation'],
    ['129', 'equity', 'current_earnings'],
    ['100', 'equity', 'capital'],
    ['640', 'expense', 'payroll'],
    ['700', 'income', 'revenue'],
  ])('has %s as %s (%s)', (code, type, subtype) => {
    expect(byCode('es-pgc', code)).toMatchObject({ type, subtype });
  });

  it('puts the accounts of groups 6 and 7 under them as expenses and income', () => {
    for (const x of CHART_TEMPLATES['es-pgc']) {
      if (x.code.startsWith('6')) expect(x.type, x.code).toBe('expense');
      if (x.code.startsWith('7')) expect(x.type, x.code).toBe('income');
      if (x.code.startsWith('2') || x.code.startsWith('3') || x.code.startsWith('57')) expect(x.type, x.code).toBe('asset');
    }
    expect(byCode('es-pgc', '572')?.parent).toBe('57');
    expect(byCode('es-pgc', '4751')?.parent).toBe('475');
  });
});

describe('us-gaap', () => {
  it.each([
    ['1100', 'asset', 'receivable'],
    ['2000', 'liability', 'payable'],
    ['2200', 'liability', 'tax'],
    ['1010', 'asset', 'bank'],
    ['1200', 'asset', 'inventory'],
    ['1590', 'asset', 'accumulated_depreciation'],
    ['3100', 'equity', 'retained_earnings'],
    ['5000', 'expense', 'cost_of_sales'],
    ['8000', 'expense', 'income_tax'],
  ])('has %s as %s (%s)', (code, type, subtype) => {
    expect(byCode('us-gaap', code)).toMatchObject({ type, subtype });
  });
});

describeEachEngine('applying chart templates', (use) => {
  let db: Database;
  beforeAll(() => {
    db = use();
  });

  it.each(TEMPLATES)('seeds %s into a fresh company with its parents, and a second time adds nothing', async (template) => {
    const company = await createCompany(
      db,
      SYSTEM_ACTOR,
      {
        slug: `chart-${template}`,
        name: template,
        baseCurrency: 'EUR',
        country: 'ES',
        fiscalYearStartMonth: 1,
        locale: 'es',
        chart: 'none',
      },
      null,
    );
    const accounts = CHART_TEMPLATES[template];
    const applied = await db.tenant(company.id, (tx) => applyChartTemplate(tx, company.id, template));
    expect(applied).toEqual({ accounts: accounts.length, journals: DEFAULT_JOURNALS.length });

    const rows = await db.tenant(company.id, (tx) =>
      tx.query<{ code: string; name: string; name_es: string; type: string; subtype: string | null; parent: string | null }>(
        `SELECT c.code, c.name, c.name_es, c.type, c.subtype, p.code AS parent
           FROM accounts c LEFT JOIN accounts p ON p.company_id = c.company_id AND p.id = c.parent_id
          WHERE c.company_id = $1 ORDER BY c.code`,
        [company.id],
      ),
    );
    const expected = accounts
      .map((x) => ({ code: x.code, name: x.name, name_es: x.nameEs, type: x.type, subtype: x.subtype ?? null, parent: x.parent ?? null }))
      .sort((x, y) => (x.code < y.code ? -1 : x.code > y.code ? 1 : 0));
    expect([...rows].sort((x, y) => (x.code < y.code ? -1 : x.code > y.code ? 1 : 0))).toEqual(expected);

    const [journals] = await db.tenant(company.id, (tx) =>
      tx.query<{ n: number }>('SELECT count(*)::int AS n FROM journals WHERE company_id = $1', [company.id]),
    );
    expect(journals?.n).toBe(DEFAULT_JOURNALS.length);

    const again = await db.tenant(company.id, (tx) => applyChartTemplate(tx, company.id, template));
    expect(again).toEqual({ accounts: 0, journals: 0 });
  });
});
