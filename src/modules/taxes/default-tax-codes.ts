import type { Actor } from '../../platform/audit/actor.ts';
import type { ServiceContext } from '../../platform/context.ts';
import type { Database, Tx } from '../../platform/db/database.ts';
import { validate } from '../../platform/validate.ts';
import { activeAccountsByCode } from '../ledger/index.ts';
import type { TaxCode } from './tax-code-model.ts';
import { type CreateTaxCodeInput, createTaxCodeInput, insertTaxCode } from './tax-codes.ts';

type AccountRole = 'output' | 'input' | 'withheldFromUs' | 'withheldByUs';

interface Template extends Omit<CreateTaxCodeInput, 'salesAccountId' | 'purchasesAccountId' | 'reverseChargeAccountId'> {
  sales?: AccountRole;
  purchases?: AccountRole;
  reverseCharge_?: AccountRole;
}

// Where each role posts, by the chart's account codes: Spain's PGC first, then the generic and US charts.
const ACCOUNT_CODES: Record<AccountRole, string[]> = {
  output: ['477', '2200'],
  input: ['472', '1400'],
  withheldFromUs: ['473'],
  withheldByUs: ['4751'],
};

const vat = (code: string, rate: string, name: string, nameEs: string): Template => ({
  code,
  kind: 'vat',
  category: 'S',
  rate,
  name,
  nameEs,
  scope: 'both',
  sales: 'output',
  purchases: 'input',
});

const SPAIN: Template[] = [
  vat('IVA21', '21', 'VAT 21%', 'IVA 21%'),
  vat('IVA10', '10', 'VAT 10%', 'IVA 10%'),
  vat('IVA4', '4', 'VAT 4%', 'IVA 4%'),
  {
    code: 'EXENTO',
    kind: 'vat',
    category: 'E',
    rate: '0',
    name: 'VAT exempt',
    nameEs: 'Exento de IVA',
    scope: 'both',
    exemptionCode: 'VATEX-EU-132',
    exemptionReason: 'Operación exenta de IVA (art. 20 Ley 37/1992)',
  },
  {
    code: 'IC',
    kind: 'vat',
    category: 'K',
    rate: '0',
    name: 'Intra-EU supply',
    nameEs: 'Entrega intracomunitaria',
    scope: 'sales',
    exemptionCode: 'VATEX-EU-IC',
    exemptionReason: 'Entrega intracomunitaria exenta (art. 25 Ley 37/1992)',
  },
  {
    code: 'EXP',
    kind: 'vat',
    category: 'G',
    rate: '0',
    name: 'Export outside the EU',
    nameEs: 'Exportación',
    scope: 'sales',
    exemptionCode: 'VATEX-EU-G',
    exemptionReason: 'Exportación exenta (art. 21 Ley 37/1992)',
  },
  {
    code: 'ISP21',
    kind: 'vat',
    category: 'AE',
    rate: '21',
    name: 'Reverse charge 21% (EU purchases)',
    nameEs: 'Inversión del sujeto pasivo 21%',
    scope: 'purchases',
    reverseCharge: true,
    exemptionCode: 'VATEX-EU-AE',
    exemptionReason: 'Inversión del sujeto pasivo (art. 84 Ley 37/1992)',
    purchases: 'input',
    reverseCharge_: 'output',
  },
  { ...vat('RE5.2', '5.2', 'Equivalence surcharge 5.2%', 'Recargo de equivalencia 5,2%'), kind: 'surcharge', purchases: undefined },
  { ...vat('RE1.4', '1.4', 'Equivalence surcharge 1.4%', 'Recargo de equivalencia 1,4%'), kind: 'surcharge', purchases: undefined },
  { ...vat('RE0.5', '0.5', 'Equivalence surcharge 0.5%', 'Recargo de equivalencia 0,5%'), kind: 'surcharge', purchases: undefined },
  ...(
    [
      ['IRPF15', '15', 'Withholding 15% (professionals)', 'Retención IRPF 15% (profesionales)'],
      ['IRPF7', '7', 'Withholding 7% (new professionals)', 'Retención IRPF 7% (nuevos profesionales)'],
      ['IRPF19', '19', 'Withholding 19% (rentals)', 'Retención IRPF 19% (alquileres)'],
    ] as const
  ).map(
    ([code, rate, name, nameEs]): Template => ({
      code,
      kind: 'withholding',
      category: null,
      rate,
      name,
      nameEs,
      scope: 'both',
      sales: 'withheldFromUs',
      purchases: 'withheldByUs',
    }),
  ),
];

/** Standard and reduced VAT rates of other countries (each country's tax office publishes the current ones). */
const RATES: Record<string, string[]> = {
  DE: ['19', '7'],
  FR: ['20', '10', '5.5'],
  IT: ['22', '10', '4'],
  PT: ['23', '13', '6'],
  NL: ['21', '9'],
  BE: ['21', '12', '6'],
  IE: ['23', '13.5', '9'],
  AT: ['20', '10'],
  GB: ['20', '5'],
};

function generic(country: string): Template[] {
  const rates = RATES[country] ?? [];
  return [
    ...rates.map((rate) => vat(`VAT${rate}`, rate, `VAT ${rate}%`, `IVA ${rate}%`)),
    { ...vat('ZERO', '0', 'Zero-rated', 'Tipo cero'), category: 'Z', exemptionReason: 'Zero-rated supply' },
    {
      code: 'EXEMPT',
      kind: 'vat',
      category: 'E',
      rate: '0',
      name: 'Exempt',
      nameEs: 'Exento',
      scope: 'both',
      exemptionCode: 'VATEX-EU-132',
      exemptionReason: 'Exempt supply',
    },
  ];
}

/**
 * Adds the standard tax codes for the company's country (Spain's full set: VAT rates, exempt, intra-EU,
 * export, reverse charge, equivalence surcharges, IRPF withholdings; elsewhere the known VAT rates, zero
 * and exempt) that it does not have yet, with the chart's tax accounts where it has them. Returns those added.
 */
export async function addDefaultTaxCodes(tx: Tx, companyId: string, actor: Actor): Promise<TaxCode[]> {
  const [company] = await tx.query<{ country: string }>('SELECT country FROM companies WHERE id = $1', [companyId]);
  const templates = company?.country === 'ES' ? SPAIN : generic(company?.country ?? '');
  const existing = new Set(
    (await tx.query<{ code: string }>('SELECT code FROM tax_codes WHERE company_id = $1', [companyId])).map((r) => r.code),
  );
  const accounts = await activeAccountsByCode(tx, companyId, Object.values(ACCOUNT_CODES).flat());
  const accountFor = (role: AccountRole | undefined) =>
    role === undefined ? null : (ACCOUNT_CODES[role].map((code) => accounts.get(code)).find((id) => id) ?? null);
  const added: TaxCode[] = [];
  for (const { sales, purchases, reverseCharge_, ...template } of templates) {
    if (existing.has(template.code)) continue;
    const reverseAccount = accountFor(reverseCharge_);
    // A reverse charge needs its output account; a chart without one gets the code from the user instead.
    if (template.reverseCharge && !reverseAccount) continue;
    const input = validate(createTaxCodeInput, {
      ...template,
      salesAccountId: accountFor(sales),
      purchasesAccountId: accountFor(purchases),
      reverseChargeAccountId: reverseAccount,
    });
    added.push(await insertTaxCode(tx, companyId, actor, input));
  }
  return added;
}

export function addDefaultTaxCodesFor(ctx: ServiceContext): Promise<{ items: TaxCode[] }> {
  return ctx.db.tenant(ctx.companyId, async (tx) => ({ items: await addDefaultTaxCodes(tx, ctx.companyId, ctx.actor) }));
}

/** The demo company's codes (it may predate this module): the standard set, once, if it has none. */
export async function seedDemoTaxCodes(db: Database, companyId: string, actor: Actor): Promise<void> {
  await db.tenant(companyId, async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('trastienda.demo.taxes:' || $1::text, 0))`, [companyId]);
    const [any] = await tx.query('SELECT 1 FROM tax_codes WHERE company_id = $1 LIMIT 1', [companyId]);
    if (!any) await addDefaultTaxCodes(tx, companyId, actor);
  });
}
