// The product form's state and how it becomes the API's body: empty text is "no value", a new product leaves
// out what it does not set (the API fills the defaults), a change sends only the fields that changed.
import type { NewProduct, Product, ProductFields, ProductKind, ProductPatch } from './products-api.ts';

export interface ProductDraft {
  sku: string;
  kind: ProductKind;
  name: string;
  nameEs: string;
  description: string;
  unit: string;
  barcode: string;
  salesPrice: string;
  purchasePrice: string;
  currency: string;
  salesTaxCodeIds: string[];
  purchaseTaxCodeIds: string[];
  incomeAccountId: string | null;
  expenseAccountId: string | null;
}

/** The API's defaults for a new product. */
export const DEFAULT_KIND: ProductKind = 'service';
export const DEFAULT_UNIT = 'C62';

/** The text fields of the draft that are sent trimmed, or null when empty. */
const OPTIONAL_TEXT = ['nameEs', 'description', 'barcode'] as const;
const PRICES = ['salesPrice', 'purchasePrice'] as const;

export function emptyDraft(baseCurrency: string): ProductDraft {
  return {
    sku: '',
    kind: DEFAULT_KIND,
    name: '',
    nameEs: '',
    description: '',
    unit: DEFAULT_UNIT,
    barcode: '',
    salesPrice: '',
    purchasePrice: '',
    currency: baseCurrency,
    salesTaxCodeIds: [],
    purchaseTaxCodeIds: [],
    incomeAccountId: null,
    expenseAccountId: null,
  };
}

export function draftOf(product: Product): ProductDraft {
  return {
    sku: product.sku,
    kind: product.kind,
    name: product.name,
    nameEs: product.nameEs ?? '',
    description: product.description ?? '',
    unit: product.unit,
    barcode: product.barcode ?? '',
    salesPrice: product.salesPrice ?? '',
    purchasePrice: product.purchasePrice ?? '',
    currency: product.currency,
    salesTaxCodeIds: [...product.salesTaxCodeIds],
    purchaseTaxCodeIds: [...product.purchaseTaxCodeIds],
    incomeAccountId: product.incomeAccountId,
    expenseAccountId: product.expenseAccountId,
  };
}

const text = (value: string): string | null => value.trim() || null;

/**
 * A price as typed ("4,5", " 4.50 ", "12") → the API's decimal string as it gives it back ("4.50", "12.00"):
 * a comma is a decimal separator, and a valid price gets at least 2 decimals and no trailing zeros beyond.
 * Anything else is sent as typed (trimmed) for the API to refuse on the field; empty is null.
 */
export function normalizePrice(raw: string): string | null {
  const value = raw.trim().replace(',', '.');
  if (value === '') return null;
  const match = /^(\d{1,14})(?:\.(\d{0,6}))?$/.exec(value);
  if (!match) return value;
  const [, rawWhole = '0', rawFraction = ''] = match;
  const whole = rawWhole.replace(/^0+(?=\d)/, '');
  return `${whole}.${rawFraction.replace(/0+$/, '').padEnd(2, '0')}`;
}

/** The barcode as scanned or typed, without spaces (some labels print "8 412345 678905"). */
export const normalizeBarcode = (raw: string): string | null => raw.replace(/\s+/g, '') || null;

/** The draft as API fields. */
function fieldsOf(draft: ProductDraft): ProductFields {
  const out = {
    sku: draft.sku.trim(),
    kind: draft.kind,
    name: draft.name.trim(),
    unit: draft.unit,
    currency: draft.currency.trim().toUpperCase(),
    salesTaxCodeIds: draft.salesTaxCodeIds,
    purchaseTaxCodeIds: draft.purchaseTaxCodeIds,
    incomeAccountId: draft.incomeAccountId,
    expenseAccountId: draft.expenseAccountId,
  } as ProductFields;
  for (const field of OPTIONAL_TEXT) out[field] = text(draft[field]);
  out.barcode = normalizeBarcode(draft.barcode);
  for (const field of PRICES) out[field] = normalizePrice(draft[field]);
  return out;
}

/** The body of POST /products: only what has a value (the API defaults the kind, unit and currency). */
export function newProductBody(draft: ProductDraft): NewProduct {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fieldsOf(draft))) {
    if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    body[key] = value;
  }
  return body as NewProduct;
}

/** The body of PATCH /products/:id: the version and the fields that differ from `product` (a cleared field is null). */
export function productPatchBody(product: Product, draft: ProductDraft): ProductPatch {
  const before = fieldsOf(draftOf(product));
  const after = fieldsOf(draft);
  const patch: Record<string, unknown> = { version: product.version };
  for (const [key, value] of Object.entries(after)) {
    if (JSON.stringify(value) !== JSON.stringify(before[key as keyof ProductFields])) patch[key] = value;
  }
  return patch as ProductPatch;
}

/** Required fields missing in the draft, as field name → translation key (the API checks everything else). */
export function missingFields(draft: ProductDraft): Record<string, string> {
  const missing: Record<string, string> = {};
  if (!draft.sku.trim()) missing.sku = 'products.form.errors.required';
  if (!draft.name.trim()) missing.name = 'products.form.errors.required';
  if (!draft.currency.trim()) missing.currency = 'products.form.errors.required';
  return missing;
}
