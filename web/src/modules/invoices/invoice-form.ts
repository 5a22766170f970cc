// The invoice form's state and how it becomes the API's bodies: numbers as typed ("12,5" is "12.5") are sent
// for the API to check, empty optional fields are left out, a change sends the version and only what changed
// (the lines as a whole list when any of them changed). Also the request for the live totals.
import type { Product } from '../products/products-api.ts';
import type { ComputeInput } from '../taxes/taxes-api.ts';
import type { Invoice, InvoiceFields, InvoiceLineInput, InvoicePatch, NewInvoice } from './invoices-api.ts';

export interface LineDraft {
  /** A key for React only; never sent. */
  key: number;
  productId: string | null;
  /** What the product picker shows for the chosen product; never sent. */
  productLabel: string;
  description: string;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  taxCodeIds: string[];
  incomeAccountId: string | null;
}

export interface InvoiceDraft {
  partyId: string | null;
  series: string;
  issueDate: string;
  currency: string;
  notes: string;
  lines: LineDraft[];
}

/** The API's default series. */
export const DEFAULT_SERIES = 'INV';
/** The API's limits. */
export const MAX_LINES = 500;
export const MAX_TAX_CODES = 5;

let nextKey = 1;

/** Whether a decimal string is zero ("0", "0.00"), or absent. */
export const isZero = (value: string | null | undefined): boolean => !value || /^0*(\.0*)?$/.test(value.trim());

export function blankLine(taxCodeIds: string[] = []): LineDraft {
  return {
    key: nextKey++,
    productId: null,
    productLabel: '',
    description: '',
    quantity: '1',
    unitPrice: '',
    discountPercent: '',
    taxCodeIds: [...taxCodeIds],
    incomeAccountId: null,
  };
}

export function emptyDraft(issueDate: string, currency: string): InvoiceDraft {
  return { partyId: null, series: DEFAULT_SERIES, issueDate, currency, notes: '', lines: [blankLine()] };
}

export function draftOf(invoice: Invoice): InvoiceDraft {
  return {
    partyId: invoice.partyId,
    series: invoice.series,
    issueDate: invoice.issueDate,
    currency: invoice.currency,
    notes: invoice.notes ?? '',
    lines: invoice.lines.map((line) => ({
      key: nextKey++,
      productId: line.productId ?? null,
      productLabel: line.productId ? line.description : '',
      description: line.description,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      discountPercent: isZero(line.discountPercent) ? '' : (line.discountPercent ?? ''),
      taxCodeIds: [...line.taxCodeIds],
      incomeAccountId: line.incomeAccountId ?? null,
    })),
  };
}

/** How the product picker lists a product: "CAF-250 — Ground coffee 250 g". */
export const productOptionLabel = (product: Pick<Product, 'sku'>, name: string): string => `${product.sku} — ${name}`;

/** The line filled from a product (`name` in the UI language): its name, sales price, default sales taxes and income account. */
export function lineWithProduct(line: LineDraft, product: Product, name: string): LineDraft {
  return {
    ...line,
    productId: product.id,
    productLabel: productOptionLabel(product, name),
    description: name,
    unitPrice: product.salesPrice ?? line.unitPrice,
    taxCodeIds: product.salesTaxCodeIds.length > 0 ? [...product.salesTaxCodeIds] : line.taxCodeIds,
    incomeAccountId: product.incomeAccountId,
  };
}

/** The line without its product (what was filled in stays, to edit). */
export const lineWithoutProduct = (line: LineDraft): LineDraft => ({ ...line, productId: null, productLabel: '', incomeAccountId: null });

/** A number as typed: trimmed, a decimal comma read as a point ("12,5" → "12.5"); the API checks the rest. */
export const typedNumber = (value: string): string => value.trim().replace(',', '.');

/** A line as the API takes it; a product line may leave its description and price out (the product's are used). */
function lineBody(line: LineDraft): InvoiceLineInput {
  const body: InvoiceLineInput = {
    description: line.description.trim(),
    quantity: typedNumber(line.quantity),
    unitPrice: typedNumber(line.unitPrice),
    taxCodeIds: line.taxCodeIds,
  };
  if (line.productId) {
    body.productId = line.productId;
    if (!body.description) delete body.description;
    if (!body.unitPrice) delete body.unitPrice;
  }
  if (line.discountPercent.trim()) body.discountPercent = typedNumber(line.discountPercent);
  if (line.incomeAccountId) body.incomeAccountId = line.incomeAccountId;
  return body;
}

/** The draft as API fields. */
function fieldsOf(draft: InvoiceDraft): InvoiceFields {
  return {
    series: draft.series.trim().toUpperCase(),
    partyId: draft.partyId ?? '',
    issueDate: draft.issueDate,
    currency: draft.currency.trim().toUpperCase(),
    notes: draft.notes.trim() || null,
    lines: draft.lines.map(lineBody),
  };
}

/** The body of POST /invoices: only what has a value (the API defaults the series and the currency). */
export function newInvoiceBody(draft: InvoiceDraft): NewInvoice {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fieldsOf(draft))) {
    if (value === null || value === '') continue;
    body[key] = value;
  }
  return body as NewInvoice;
}

/** The body of PATCH /invoices/:id: the version and the fields that differ from `invoice` (`lines` whole). */
export function invoicePatchBody(invoice: Invoice, draft: InvoiceDraft): InvoicePatch {
  const before = fieldsOf(draftOf(invoice));
  const after = fieldsOf(draft);
  const patch: Record<string, unknown> = { version: invoice.version };
  for (const [key, value] of Object.entries(after)) {
    if (JSON.stringify(value) !== JSON.stringify(before[key as keyof InvoiceFields])) patch[key] = value;
  }
  return patch as InvoicePatch;
}

/** Required fields missing in the draft, as field name → translation key (the API checks everything else). */
export function missingFields(draft: InvoiceDraft): Record<string, string> {
  const missing: Record<string, string> = {};
  if (!draft.partyId) missing.partyId = 'invoices.form.errors.required';
  if (!draft.issueDate) missing.issueDate = 'invoices.form.errors.required';
  draft.lines.forEach((line, i) => {
    if (!line.productId && !line.description.trim()) missing[`lines.${i}.description`] = 'invoices.form.errors.required';
  });
  return missing;
}

/**
 * The request for the live totals (POST /taxes/compute on the sales side), or null while a line lacks its
 * quantity or price. What is typed is sent as it is: the API's field errors show on the lines.
 */
export function computeInput(draft: Pick<InvoiceDraft, 'currency' | 'lines'>): ComputeInput | null {
  if (draft.lines.length === 0 || draft.lines.some((l) => !l.quantity.trim() || !l.unitPrice.trim())) return null;
  const currency = draft.currency.trim().toUpperCase();
  return {
    side: 'sales',
    ...(/^[A-Z]{3}$/.test(currency) ? { currency } : {}),
    lines: draft.lines.map((l) => ({
      quantity: typedNumber(l.quantity),
      unitPrice: typedNumber(l.unitPrice),
      ...(l.discountPercent.trim() ? { discountPercent: typedNumber(l.discountPercent) } : {}),
      taxCodeIds: l.taxCodeIds,
    })),
  };
}

/** The first error on a field or on one of its items ("lines.1.taxCodeIds.0" shows on the line's taxes). */
export function errorOn(errors: Record<string, string | undefined>, field: string): string | undefined {
  if (errors[field]) return errors[field];
  const key = Object.keys(errors).find((k) => k.startsWith(`${field}.`) && errors[k]);
  return key ? errors[key] : undefined;
}

/** The fields of line `i` that show their own errors. */
export const LINE_FIELDS = [
  'productId',
  'description',
  'quantity',
  'unitPrice',
  'discountPercent',
  'taxCodeIds',
  'incomeAccountId',
] as const;

/** Whether an error field name is shown on a field of the form (else it goes to the general alert). */
export function isShownField(name: string, lineCount: number): boolean {
  if (['partyId', 'series', 'issueDate', 'currency', 'notes', 'lines'].includes(name)) return true;
  const match = /^lines\.(\d+)\.([a-zA-Z]+)(?:\.\d+)?$/.exec(name);
  if (!match) return false;
  return Number(match[1]) < lineCount && (LINE_FIELDS as readonly string[]).includes(match[2] ?? '');
}
