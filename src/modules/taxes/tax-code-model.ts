import { z } from 'zod';
import type { Tx } from '../../platform/db/database.ts';
import type { TaxRule } from './tax-engine.ts';

export const TAX_KINDS = ['vat', 'surcharge', 'withholding'] as const;
export const TAX_SCOPES = ['sales', 'purchases', 'both'] as const;
/** EN 16931 VAT categories (UNCL 5305). */
export const TAX_CATEGORIES = ['S', 'Z', 'E', 'AE', 'K', 'G', 'O', 'L', 'M'] as const;

export const taxCodeSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  nameEs: z.string().nullable(),
  kind: z.enum(TAX_KINDS),
  category: z.enum(TAX_CATEGORIES).nullable(),
  rate: z.string(),
  scope: z.enum(TAX_SCOPES),
  priceIncluded: z.boolean(),
  compound: z.boolean(),
  reverseCharge: z.boolean(),
  exemptionCode: z.string().nullable(),
  exemptionReason: z.string().nullable(),
  salesAccountId: z.uuid().nullable(),
  purchasesAccountId: z.uuid().nullable(),
  reverseChargeAccountId: z.uuid().nullable(),
  archivedAt: z.date().nullable(),
  version: z.number(),
});
export type TaxCode = z.infer<typeof taxCodeSchema>;

interface TaxCodeRow {
  id: string;
  code: string;
  name: string;
  name_es: string | null;
  kind: TaxCode['kind'];
  category: TaxCode['category'];
  rate: string;
  scope: TaxCode['scope'];
  price_included: boolean;
  compound: boolean;
  reverse_charge: boolean;
  exemption_code: string | null;
  exemption_reason: string | null;
  sales_account_id: string | null;
  purchases_account_id: string | null;
  reverse_charge_account_id: string | null;
  archived_at: Date | null;
  version: number;
}

/** "21.0000" → "21", "5.2000" → "5.2". */
export const formatRate = (rate: string) => (rate.includes('.') ? rate.replace(/0+$/, '').replace(/\.$/, '') : rate);

const SELECT_TAX_CODE = `SELECT id, code, name, name_es, kind, category, rate::text AS rate, scope, price_included, compound, reverse_charge,
       exemption_code, exemption_reason, sales_account_id, purchases_account_id, reverse_charge_account_id, archived_at, version
  FROM tax_codes`;

const toTaxCode = (r: TaxCodeRow): TaxCode => ({
  id: r.id,
  code: r.code,
  name: r.name,
  nameEs: r.name_es,
  kind: r.kind,
  category: r.category,
  rate: formatRate(r.rate),
  scope: r.scope,
  priceIncluded: r.price_included,
  compound: r.compound,
  reverseCharge: r.reverse_charge,
  exemptionCode: r.exemption_code,
  exemptionReason: r.exemption_reason,
  salesAccountId: r.sales_account_id,
  purchasesAccountId: r.purchases_account_id,
  reverseChargeAccountId: r.reverse_charge_account_id,
  archivedAt: r.archived_at,
  version: r.version,
});

export async function queryTaxCodes(tx: Tx, companyId: string, where = 'true', params: unknown[] = []): Promise<TaxCode[]> {
  const rows = await tx.query<TaxCodeRow>(
    `${SELECT_TAX_CODE} WHERE company_id = $1 AND ${where} ORDER BY CASE kind WHEN 'vat' THEN 0 WHEN 'surcharge' THEN 1 ELSE 2 END, tax_codes.rate DESC, code`,
    [companyId, ...params],
  );
  return rows.map(toTaxCode);
}

export async function findTaxCode(tx: Tx, companyId: string, id: string, lock = false): Promise<TaxCode | undefined> {
  const rows = await tx.query<TaxCodeRow>(`${SELECT_TAX_CODE} WHERE company_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`, [
    companyId,
    id,
  ]);
  return rows[0] ? toTaxCode(rows[0]) : undefined;
}

/** The codes with these ids (those that exist). */
export function findTaxCodes(tx: Tx, companyId: string, ids: readonly string[]): Promise<TaxCode[]> {
  return ids.length === 0 ? Promise.resolve([]) : queryTaxCodes(tx, companyId, 'id = ANY ($2::uuid[])', [ids]);
}

/** A tax code as the tax engine applies it. */
export const ruleOf = (code: TaxCode): TaxRule => ({
  id: code.id,
  kind: code.kind,
  rate: code.rate,
  priceIncluded: code.priceIncluded,
  compound: code.compound,
  reverseCharge: code.reverseCharge,
});
