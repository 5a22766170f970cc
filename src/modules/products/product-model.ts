import { z } from 'zod';
import type { Tx } from '../../platform/db/database.ts';
import { UNIT_CODES } from './units.ts';

export const PRODUCT_KINDS = ['stockable', 'consumable', 'service'] as const;

export const productSchema = z.object({
  id: z.uuid(),
  sku: z.string(),
  kind: z.enum(PRODUCT_KINDS),
  name: z.string(),
  nameEs: z.string().nullable(),
  description: z.string().nullable(),
  unit: z.enum(UNIT_CODES),
  barcode: z.string().nullable(),
  salesPrice: z.string().nullable(),
  purchasePrice: z.string().nullable(),
  currency: z.string(),
  salesTaxCodeIds: z.array(z.uuid()),
  purchaseTaxCodeIds: z.array(z.uuid()),
  incomeAccountId: z.uuid().nullable(),
  expenseAccountId: z.uuid().nullable(),
  archivedAt: z.date().nullable(),
  version: z.number(),
});
export type Product = z.infer<typeof productSchema>;

export interface ProductRow {
  id: string;
  sku: string;
  kind: Product['kind'];
  name: string;
  name_es: string | null;
  description: string | null;
  unit: Product['unit'];
  barcode: string | null;
  sales_price: string | null;
  purchase_price: string | null;
  currency: string;
  income_account_id: string | null;
  expense_account_id: string | null;
  archived_at: Date | null;
  version: number;
}

export const SELECT_PRODUCT = `SELECT id, sku, kind, name, name_es, description, unit, barcode, sales_price::text AS sales_price,
       purchase_price::text AS purchase_price, currency, income_account_id, expense_account_id, archived_at, version
  FROM products`;

/** "12.500000" → "12.50": at least 2 decimals, no trailing zeros beyond. */
export function formatPrice(value: string | null): string | null {
  if (value === null) return null;
  const [whole, fraction = ''] = value.split('.');
  const trimmed = fraction.replace(/0+$/, '');
  return `${whole}.${trimmed.padEnd(2, '0')}`;
}

/** Attaches the default tax codes (one query for all the products) and turns rows into the API's shape. */
export async function withTaxCodes(tx: Tx, companyId: string, rows: ProductRow[]): Promise<Product[]> {
  if (rows.length === 0) return [];
  const taxes = await tx.query<{ product_id: string; side: 'sales' | 'purchases'; tax_code_id: string }>(
    `SELECT product_id, side, tax_code_id FROM product_tax_codes WHERE company_id = $1 AND product_id = ANY ($2::uuid[])
      ORDER BY product_id, side, position`,
    [companyId, rows.map((r) => r.id)],
  );
  const codes = (id: string, side: 'sales' | 'purchases') =>
    taxes.filter((t) => t.product_id === id && t.side === side).map((t) => t.tax_code_id);
  return rows.map((r) => ({
    id: r.id,
    sku: r.sku,
    kind: r.kind,
    name: r.name,
    nameEs: r.name_es,
    description: r.description,
    unit: r.unit,
    barcode: r.barcode,
    salesPrice: formatPrice(r.sales_price),
    purchasePrice: formatPrice(r.purchase_price),
    currency: r.currency,
    salesTaxCodeIds: codes(r.id, 'sales'),
    purchaseTaxCodeIds: codes(r.id, 'purchases'),
    incomeAccountId: r.income_account_id,
    expenseAccountId: r.expense_account_id,
    archivedAt: r.archived_at,
    version: r.version,
  }));
}

/** The products with these ids (those that exist). */
export async function findProducts(tx: Tx, companyId: string, ids: readonly string[]): Promise<Product[]> {
  if (ids.length === 0) return [];
  const rows = await tx.query<ProductRow>(`${SELECT_PRODUCT} WHERE company_id = $1 AND id = ANY ($2::uuid[])`, [companyId, ids]);
  return withTaxCodes(tx, companyId, rows);
}

export async function loadProduct(tx: Tx, companyId: string, id: string, lock = false): Promise<Product | undefined> {
  const rows = await tx.query<ProductRow>(`${SELECT_PRODUCT} WHERE company_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`, [
    companyId,
    id,
  ]);
  const [product] = await withTaxCodes(tx, companyId, rows);
  return product;
}
