import { SYSTEM_ACTOR } from '../../../platform/audit/actor.ts';
import type { ServiceContext } from '../../../platform/context.ts';
import { seedCompany } from '../../../platform/testing/http.ts';
import { applyChartTemplate, postEntry } from '../index.ts';

// The company the reports' known-answer tests share: a generic chart, EUR, fiscal year = calendar year.

type Line = { accountCode: string; debit?: string; credit?: string; costCenter?: string; project?: string };
export const dr = (accountCode: string, debit: string, dims: Partial<Line> = {}): Line => ({ accountCode, debit, ...dims });
export const cr = (accountCode: string, credit: string, dims: Partial<Line> = {}): Line => ({ accountCode, credit, ...dims });

export const KNOWN_ENTRIES: { date: string; memo: string; lines: Line[] }[] = [
  { date: '2024-12-15', memo: 'Service in the prior year', lines: [dr('1100', '50'), cr('4200', '50')] },
  { date: '2025-01-10', memo: 'Capital contribution', lines: [dr('1200', '10000'), cr('3100', '10000')] },
  { date: '2025-02-01', memo: 'Machine bought', lines: [dr('1700', '3000'), cr('1200', '3000')] },
  {
    date: '2025-03-01',
    memo: 'Invoice 1',
    lines: [dr('1300', '1210'), cr('4100', '1000', { costCenter: 'CC1' }), cr('2200', '210')],
  },
  { date: '2025-03-15', memo: 'Rent of March', lines: [dr('6300', '500', { costCenter: 'CC2', project: 'P1' }), cr('2100', '500')] },
  { date: '2025-04-01', memo: 'Invoice 1 collected', lines: [dr('1200', '1210'), cr('1300', '1210')] },
  { date: '2025-05-01', memo: 'Bank loan', lines: [dr('1200', '2000'), cr('2500', '2000')] },
  { date: '2025-06-30', memo: 'Depreciation H1', lines: [dr('6500', '100'), cr('1790', '100')] },
];

export async function seedKnownCompany(ctx: Omit<ServiceContext, 'companyId'>): Promise<ServiceContext> {
  const { company } = await seedCompany(ctx.db);
  await ctx.db.tenant(company.id, async (tx) => {
    await applyChartTemplate(tx, company.id, 'generic');
    for (const e of KNOWN_ENTRIES) await postEntry(tx, company.id, SYSTEM_ACTOR, { journalCode: 'GEN', ...e });
  });
  return { ...ctx, companyId: company.id };
}
