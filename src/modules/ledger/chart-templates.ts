import { type Actor, SYSTEM_ACTOR } from '../../platform/audit/actor.ts';
import { appendAudit } from '../../platform/audit/append.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { a, type TemplateAccount } from './charts/account.ts';
import { ES_PGC } from './charts/es-pgc.ts';
import { US_GAAP } from './charts/us-gaap.ts';
import { ensureDefaultJournals } from './journals.ts';

/** `generic`: a small IFRS-style chart, numbered by type (1 assets … 6 expenses). */
const GENERIC: TemplateAccount[] = [
  a('1000', 'Assets', 'Activo', 'asset'),
  a('1100', 'Cash', 'Caja', 'asset', 'cash', '1000'),
  a('1200', 'Bank', 'Bancos', 'asset', 'bank', '1000'),
  a('1300', 'Accounts receivable', 'Clientes', 'asset', 'receivable', '1000'),
  a('1400', 'Input tax receivable', 'IVA soportado', 'asset', 'tax', '1000'),
  a('1500', 'Inventory', 'Existencias', 'asset', 'inventory', '1000'),
  a('1600', 'Prepaid expenses', 'Gastos anticipados', 'asset', 'prepayment', '1000'),
  a('1700', 'Property, plant and equipment', 'Inmovilizado material', 'asset', 'fixed_asset', '1000'),
  a('1790', 'Accumulated depreciation', 'Amortización acumulada', 'asset', 'accumulated_depreciation', '1000'),
  a('2000', 'Liabilities', 'Pasivo', 'liability'),
  a('2100', 'Accounts payable', 'Proveedores', 'liability', 'payable', '2000'),
  a('2200', 'Output tax payable', 'IVA repercutido', 'liability', 'tax', '2000'),
  a('2300', 'Payroll liabilities', 'Remuneraciones pendientes de pago', 'liability', 'payroll', '2000'),
  a('2400', 'Accrued liabilities', 'Acreedores', 'liability', 'accrued', '2000'),
  a('2500', 'Loans', 'Deudas con entidades de crédito', 'liability', 'loan', '2000'),
  a('3000', 'Equity', 'Patrimonio neto', 'equity'),
  a('3100', 'Share capital', 'Capital social', 'equity', 'capital', '3000'),
  a('3200', 'Retained earnings', 'Resultados acumulados', 'equity', 'retained_earnings', '3000'),
  a('3300', 'Current year earnings', 'Resultado del ejercicio', 'equity', 'current_earnings', '3000'),
  a('4000', 'Income', 'Ingresos', 'income'),
  a('4100', 'Sales', 'Ventas', 'income', 'revenue', '4000'),
  a('4200', 'Services', 'Prestación de servicios', 'income', 'revenue', '4000'),
  a('4900', 'Other income', 'Otros ingresos', 'income', 'other_income', '4000'),
  a('5000', 'Cost of sales', 'Coste de ventas', 'expense', 'cost_of_sales'),
  a('5100', 'Purchases', 'Compras', 'expense', 'cost_of_sales', '5000'),
  a('6000', 'Operating expenses', 'Gastos de explotación', 'expense'),
  a('6100', 'Salaries and wages', 'Sueldos y salarios', 'expense', 'payroll', '6000'),
  a('6200', 'Social security', 'Seguridad social', 'expense', 'payroll', '6000'),
  a('6300', 'Rent', 'Arrendamientos', 'expense', 'operating', '6000'),
  a('6400', 'Utilities', 'Suministros', 'expense', 'operating', '6000'),
  a('6500', 'Depreciation', 'Amortización', 'expense', 'depreciation', '6000'),
  a('6600', 'Bank fees', 'Servicios bancarios', 'expense', 'operating', '6000'),
  a('6700', 'Exchange differences', 'Diferencias de cambio', 'expense', 'fx', '6000'),
  a('6900', 'Other expenses', 'Otros gastos', 'expense', 'operating', '6000'),
];

export type { TemplateAccount } from './charts/account.ts';

export const CHART_TEMPLATES: Readonly<Record<'generic' | 'es-pgc' | 'us-gaap', readonly TemplateAccount[]>> = {
  generic: GENERIC,
  'es-pgc': ES_PGC,
  'us-gaap': US_GAAP,
};
export type ChartTemplate = keyof typeof CHART_TEMPLATES;

/**
 * Seeds a chart of accounts and the default journals inside the caller's transaction. Accounts whose
 * code already exists are left as they are, so applying a template twice adds nothing.
 */
export async function applyChartTemplate(
  tx: Tx,
  companyId: string,
  template: ChartTemplate,
  actor: Actor = SYSTEM_ACTOR,
): Promise<{ accounts: number; journals: number }> {
  const accounts = CHART_TEMPLATES[template];
  if (!accounts)
    throw new AppError('VALIDATION_FAILED', `Unknown chart template ${template}`, [{ path: 'template', message: 'is unknown' }]);
  const inserted = await tx.query(
    `INSERT INTO accounts (company_id, id, code, name, name_es, type, subtype)
     SELECT $1, u.id, u.code, u.name, u.name_es, u.type, u.subtype
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS u (id, code, name, name_es, type, subtype)
     ON CONFLICT (company_id, code) DO NOTHING RETURNING id`,
    [
      companyId,
      accounts.map(() => newId()),
      accounts.map((x) => x.code),
      accounts.map((x) => x.name),
      accounts.map((x) => x.nameEs),
      accounts.map((x) => x.type),
      accounts.map((x) => x.subtype ?? null),
    ],
  );
  const withParent = accounts.filter((x) => x.parent);
  await tx.query(
    `UPDATE accounts c SET parent_id = p.id
       FROM unnest($2::text[], $3::text[]) AS u (code, parent_code)
       JOIN accounts p ON p.company_id = $1 AND p.code = u.parent_code
      WHERE c.company_id = $1 AND c.code = u.code AND c.parent_id IS NULL AND c.id = ANY ($4::uuid[])`,
    [companyId, withParent.map((x) => x.code), withParent.map((x) => x.parent), inserted.map((r) => (r as { id: string }).id)],
  );
  const journals = await ensureDefaultJournals(tx, companyId);
  const result = { accounts: inserted.length, journals };
  await appendAudit(tx, companyId, actor, {
    action: 'ledger.chart.applied',
    entityType: 'ledger_chart',
    entityId: template,
    after: result,
  });
  return result;
}
