import type { FastifyInstance } from 'fastify';
import { registerCompanySetup, registerDemoSeed } from '../platform/companies/setup-hooks.ts';
import { AppError } from '../platform/errors.ts';
import { invoicesRoutes, moveDraftInvoices } from './invoices/index.ts';
import { applyChartTemplate, CHART_TEMPLATES, type ChartTemplate, ensureDefaultJournals, ledgerRoutes } from './ledger/index.ts';
import { ensureDefaultPaymentTerms, onPartiesMerged, partiesRoutes, seedDemoParties } from './parties/index.ts';
import { productsRoutes } from './products/index.ts';
import { addDefaultTaxCodes, seedDemoTaxCodes, taxesRoutes } from './taxes/index.ts';

const isChartTemplate = (name: string): name is ChartTemplate => Object.hasOwn(CHART_TEMPLATES, name);

/** The composition root of the business modules: their routes and their company set-up steps. */
export const moduleRoutes: ((app: FastifyInstance) => Promise<void>)[] = [
  ledgerRoutes,
  partiesRoutes,
  taxesRoutes,
  productsRoutes,
  invoicesRoutes,
];

let registered = false;

export function registerModules(): void {
  if (registered) return;
  registered = true;
  registerCompanySetup('ledger', async (tx, company, actor, choices) => {
    const chart = choices.chart ?? 'generic';
    // Without a chart the company still gets its journals: a journal file import creates the accounts.
    if (chart === 'none') {
      await ensureDefaultJournals(tx, company.id);
      return;
    }
    if (!isChartTemplate(chart)) {
      throw new AppError('VALIDATION_FAILED', `Unknown chart template "${chart}"`, [
        { path: 'chart', message: `must be one of ${[...Object.keys(CHART_TEMPLATES), 'none'].join(', ')}` },
      ]);
    }
    await applyChartTemplate(tx, company.id, chart, actor);
  });
  registerCompanySetup('parties', (tx, company, actor) => ensureDefaultPaymentTerms(tx, company.id, actor));
  registerDemoSeed('parties', seedDemoParties);
  // After the chart: the standard codes post to its tax accounts.
  registerCompanySetup('taxes', async (tx, company, actor) => {
    await addDefaultTaxCodes(tx, company.id, actor);
  });
  registerDemoSeed('taxes', seedDemoTaxCodes);
  onPartiesMerged('invoices', moveDraftInvoices);
}
