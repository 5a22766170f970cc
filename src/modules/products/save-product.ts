import { z } from 'zod';
import { appendAudit } from '../../platform/audit/append.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { PgCode, pgErrorCode, type Tx } from '../../platform/db/database.ts';
import { AppError, type FieldError, notFound, versionConflict } from '../../platform/errors.ts';
import { currency, text, version } from '../../platform/http/schemas.ts';
import { newId } from '../../platform/ids.ts';
import { foldText } from '../../platform/search-text.ts';
import { validate } from '../../platform/validate.ts';
import { checkAccountRefs } from '../ledger/index.ts';
import { findTaxCodes } from '../taxes/index.ts';
import { isValidGtin } from './gtin.ts';
import { loadProduct, PRODUCT_KINDS, type Product } from './product-model.ts';
import { UNIT_CODES } from './units.ts';

const price = z.string().regex(/^\d{1,14}(\.\d{1,6})?$/, 'must be a price of zero or more with at most 6 decimals');

const fields = {
  sku: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/, 'must be 1–40 letters, digits, ".", "_", "/" or "-"'),
  kind: z.enum(PRODUCT_KINDS),
  name: text(200),
  nameEs: text(200).nullish(),
  description: text(2000).nullish(),
  unit: z.enum(UNIT_CODES),
  barcode: z.string().trim().max(20).nullish(),
  salesPrice: price.nullish(),
  purchasePrice: price.nullish(),
  currency,
  salesTaxCodeIds: z.array(z.uuid()).max(5),
  purchaseTaxCodeIds: z.array(z.uuid()).max(5),
  incomeAccountId: z.uuid().nullish(),
  expenseAccountId: z.uuid().nullish(),
};

export const createProductInput = z.strictObject({
  ...fields,
  kind: fields.kind.default('service'),
  unit: fields.unit.default('C62'),
  currency: fields.currency.optional(),
  salesTaxCodeIds: fields.salesTaxCodeIds.default([]),
  purchaseTaxCodeIds: fields.purchaseTaxCodeIds.default([]),
});
export type CreateProductInput = z.input<typeof createProductInput>;

export const updateProductInput = z.strictObject({ version, ...z.strictObject(fields).partial().shape });
export type UpdateProductInput = z.input<typeof updateProductInput>;

interface ProductDraft {
  sku: string;
  kind: Product['kind'];
  name: string;
  nameEs: string | null;
  description: string | null;
  unit: Product['unit'];
  barcode: string | null;
  salesPrice: string | null;
  purchasePrice: string | null;
  currency: string;
  salesTaxCodeIds: string[];
  purchaseTaxCodeIds: string[];
  incomeAccountId: string | null;
  expenseAccountId: string | null;
}

/** The rules beyond each field: barcode check digit, tax codes usable on their side, accounts of the right type. */
async function checkDraft(tx: Tx, companyId: string, draft: ProductDraft): Promise<void> {
  const errors: FieldError[] = [];
  if (draft.barcode !== null && !isValidGtin(draft.barcode)) {
    errors.push({ path: 'barcode', message: 'is not a valid EAN-8, UPC-A, EAN-13 or GTIN-14 (check its length and check digit)' });
  }
  const codes = await findTaxCodes(tx, companyId, [...draft.salesTaxCodeIds, ...draft.purchaseTaxCodeIds]);
  for (const [field, side] of [
    ['salesTaxCodeIds', 'sales'],
    ['purchaseTaxCodeIds', 'purchases'],
  ] as const) {
    const ids = draft[field];
    if (new Set(ids).size !== ids.length) errors.push({ path: field, message: 'lists a tax code twice' });
    ids.forEach((id, i) => {
      const code = codes.find((c) => c.id === id);
      const path = `${field}.${i}`;
      if (!code) errors.push({ path, message: 'is not a tax code of this company' });
      else if (code.archivedAt) errors.push({ path, message: `tax code ${code.code} is archived` });
      else if (code.scope !== 'both' && code.scope !== side)
        errors.push({ path, message: `tax code ${code.code} is for ${code.scope} only` });
    });
  }
  // Purchases of stock go to an inventory (asset) account; anything else to an expense.
  const refs = [
    { path: 'incomeAccountId', id: draft.incomeAccountId, types: ['income'] as const },
    { path: 'expenseAccountId', id: draft.expenseAccountId, types: ['expense', 'asset'] as const },
  ].flatMap((r) => (r.id === null ? [] : [{ ...r, id: r.id }]));
  errors.push(...(await checkAccountRefs(tx, companyId, refs)));
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', 'Some fields are not valid', errors);
}

async function write(tx: Tx, companyId: string, id: string, draft: ProductDraft, existing: boolean): Promise<void> {
  const values = [
    companyId,
    id,
    draft.sku,
    draft.kind,
    draft.name,
    draft.nameEs,
    draft.description,
    draft.unit,
    draft.barcode,
    draft.salesPrice,
    draft.purchasePrice,
    draft.currency,
    draft.incomeAccountId,
    draft.expenseAccountId,
    foldText([draft.sku, draft.name, draft.nameEs, draft.barcode].filter((s) => s !== null).join(' ')),
  ];
  try {
    if (existing) {
      await tx.query(
        `UPDATE products SET sku = $3, kind = $4, name = $5, name_es = $6, description = $7, unit = $8, barcode = $9, sales_price = $10,
                purchase_price = $11, currency = $12, income_account_id = $13, expense_account_id = $14, search_text = $15,
                version = version + 1, updated_at = now()
          WHERE company_id = $1 AND id = $2`,
        values,
      );
      await tx.query('DELETE FROM product_tax_codes WHERE company_id = $1 AND product_id = $2', [companyId, id]);
    } else {
      await tx.query(
        `INSERT INTO products (company_id, id, sku, kind, name, name_es, description, unit, barcode, sales_price, purchase_price, currency,
                               income_account_id, expense_account_id, search_text)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
        values,
      );
    }
  } catch (err) {
    if (pgErrorCode(err) === PgCode.uniqueViolation) {
      const field = String((err as { constraint?: string }).constraint ?? '').includes('barcode') ? 'barcode' : 'sku';
      throw new AppError('ALREADY_EXISTS', `Another product has this ${field === 'sku' ? 'SKU' : 'barcode'}`, [
        { path: field, message: 'is already used by another product' },
      ]);
    }
    throw err;
  }
  const sides = [
    ...draft.salesTaxCodeIds.map((tax, position) => ({ side: 'sales', position, tax })),
    ...draft.purchaseTaxCodeIds.map((tax, position) => ({ side: 'purchases', position, tax })),
  ];
  if (sides.length > 0) {
    await tx.query(
      `INSERT INTO product_tax_codes (company_id, product_id, side, position, tax_code_id)
       SELECT $1, $2, u.* FROM unnest($3::text[], $4::int[], $5::uuid[]) AS u (side, position, tax_code_id)`,
      [companyId, id, sides.map((s) => s.side), sides.map((s) => s.position), sides.map((s) => s.tax)],
    );
  }
}

const orNull = <T>(value: T | null | undefined): T | null => (value === undefined || value === '' ? null : value);

export function createProduct(ctx: ServiceContext, raw: CreateProductInput): Promise<Product> {
  const input = validate(createProductInput, raw);
  return ctx.db.tenant(ctx.companyId, async (tx) => {
    const [company] = await tx.query<{ base_currency: string }>('SELECT base_currency FROM companies WHERE id = $1', [ctx.companyId]);
    const draft: ProductDraft = {
      sku: input.sku,
      kind: input.kind,
      name: input.name,
      nameEs: orNull(input.nameEs),
      description: orNull(input.description),
      unit: input.unit,
      barcode: orNull(input.barcode),
      salesPrice: orNull(input.salesPrice),
      purchasePrice: orNull(input.purchasePrice),
      currency: input.currency ?? company?.base_currency ?? 'EUR',
      salesTaxCodeIds: input.salesTaxCodeIds,
      purchaseTaxCodeIds: input.purchaseTaxCodeIds,
      incomeAccountId: orNull(input.incomeAccountId),
      expenseAccountId: orNull(input.expenseAccountId),
    };
    await checkDraft(tx, ctx.companyId, draft);
    const id = newId();
    await write(tx, ctx.companyId, id, draft, false);
    const product = (await loadProduct(tx, ctx.companyId, id)) as Product;
    await appendAudit(tx, ctx.companyId, ctx.actor, {
      action: 'products.product.created',
      entityType: 'product',
      entityId: id,
      after: product,
    });
    return product;
  });
}

/** Changes the fields given (tax code lists replace the old ones); a stale `version` is refused (409). */
export function updateProduct(ctx: ServiceContext, id: string, raw: UpdateProductInput): Promise<Product> {
  const { version: expected, ...changes } = validate(updateProductInput, raw);
  return ctx.db.tenant(ctx.companyId, async (tx) => {
    const before = await loadProduct(tx, ctx.companyId, id, true);
    if (!before) throw notFound('Product');
    if (before.version !== expected) throw versionConflict('The product');
    if (before.archivedAt) throw new AppError('INVALID_STATE', 'An archived product cannot be changed; restore it first');
    const pick = <K extends keyof ProductDraft>(key: K): ProductDraft[K] =>
      (changes[key] === undefined ? before[key] : orNull(changes[key] as ProductDraft[K])) as ProductDraft[K];
    const draft: ProductDraft = {
      sku: pick('sku'),
      kind: pick('kind'),
      name: pick('name'),
      nameEs: pick('nameEs'),
      description: pick('description'),
      unit: pick('unit'),
      barcode: pick('barcode'),
      salesPrice: pick('salesPrice'),
      purchasePrice: pick('purchasePrice'),
      currency: pick('currency'),
      salesTaxCodeIds: pick('salesTaxCodeIds'),
      purchaseTaxCodeIds: pick('purchaseTaxCodeIds'),
      incomeAccountId: pick('incomeAccountId'),
      expenseAccountId: pick('expenseAccountId'),
    };
    await checkDraft(tx, ctx.companyId, draft);
    await write(tx, ctx.companyId, id, draft, true);
    const after = (await loadProduct(tx, ctx.companyId, id)) as Product;
    await appendAudit(tx, ctx.companyId, ctx.actor, {
      action: 'products.product.updated',
      entityType: 'product',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

/** Archives a product (no new documents use it; old ones keep it) or brings it back. */
export function setProductArchived(ctx: ServiceContext, id: string, archived: boolean): Promise<Product> {
  return ctx.db.tenant(ctx.companyId, async (tx) => {
    const before = await loadProduct(tx, ctx.companyId, id, true);
    if (!before) throw notFound('Product');
    if ((before.archivedAt !== null) === archived) {
      throw new AppError('INVALID_STATE', archived ? `Product ${before.sku} is already archived` : `Product ${before.sku} is not archived`);
    }
    await tx.query(
      `UPDATE products SET archived_at = ${archived ? 'now()' : 'NULL'}, version = version + 1, updated_at = now() WHERE company_id = $1 AND id = $2`,
      [ctx.companyId, id],
    );
    const after = (await loadProduct(tx, ctx.companyId, id)) as Product;
    await appendAudit(tx, ctx.companyId, ctx.actor, {
      action: archived ? 'products.product.archived' : 'products.product.restored',
      entityType: 'product',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

export async function getProduct(ctx: ServiceContext, id: string): Promise<Product> {
  const product = await ctx.db.tenant(ctx.companyId, (tx) => loadProduct(tx, ctx.companyId, id));
  if (!product) throw notFound('Product');
  return product;
}
