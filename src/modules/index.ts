import type { FastifyInstance } from 'fastify';
import { registerCompanySetup } from '../platform/companies/setup-hooks.ts';
import { applyChartTemplate, ledgerRoutes } from './ledger/index.ts';

/** The composition root of the business modules: their routes and their company set-up steps. */
export const moduleRoutes: ((app: FastifyInstance) => Promise<void>)[] = [ledgerRoutes];

let registered = false;

export function registerModules(): void {
  if (registered) return;
  registered = true;
  registerCompanySetup('ledger', async (tx, company, actor) => {
    await applyChartTemplate(tx, company.id, 'generic', actor);
  });
}
