import { describe, expect, it } from 'vitest';
import type { Product } from '../products/products-api.ts';
import {
  blankLine,
  computeInput,
  draftOf,
  emptyDraft,
  errorOn,
  type InvoiceDraft,
  invoicePatchBody,
  isShownField,
  isZero,
  lineWithoutProduct,
  lineWithProduct,
  missingFields,
  newInvoiceBody,
  typedNumber,
} from './invoice-form.ts';
import type { Invoice } from './invoices-api.ts';

const PARTY = '00000000-0000-4000-8000-000000000001';
const TAX_10 = '00000000-0000-4000-8000-000000000010';
const TAX_21 = '00000000-0000-4000-8000-000000000021';
const INCOME = '00000000-0000-4000-8000-000000000700';

const product: Product = {
  id: '00000000-0000-4000-8000-0000000000aa',
  sku: 'CAF-250',
  kind: 'stockable',
  name: 'Ground coffee 250 g',
  nameEs: 'Café molido 250 g',
  description: null,
  unit: 'H87',
  barcode: null,
  salesPrice: '4.50',
  purchasePrice: null,
  currency: 'EUR',
  salesTaxCodeIds: [TAX_10],
  purchaseTaxCodeIds: [],
  incomeAccountId: INCOME,
  expenseAccountId: null,
  archivedAt: null,
  version: 1,
};

const invoice: Invoice = {
  id: '00000000-0000-4000-8000-0000000000bb',
  series: 'INV',
  number: null,
  numberLabel: null,
  status: 'draft',
  partyId: PARTY,
  partyName: 'Hostelería del Sur, S.L.',
  partyTaxId: 'B41023810',
  issueDate: '2026-11-25',
  dueDate: '2026-12-25',
  currency: 'EUR',
  rate: null,
  kind: 'invoice',
  creditedInvoiceId: null,
  reason: null,
  creditedTotal: '0.00',
  creditStatus: 'none',
  notes: null,
  lines: [
    {
      lineNo: 1,
      productId: null,
      description: 'Consulting',
      quantity: '10',
      unitPrice: '50.00',
      discountPercent: '0',
      taxCodeIds: [TAX_21],
      incomeAccountId: null,
      net: '500.00',
      taxes: [{ taxId: TAX_21, base: '500.00', amount: '105.00' }],
    },
  ],
  taxes: [{ taxId: TAX_21, kind: 'vat', rate: '21', reverseCharge: false, base: '500.00', amount: '105.00' }],
  net: '500.00',
  tax: '105.00',
  withholding: '0.00',
  total: '605.00',
  entryId: null,
  issuedAt: null,
  version: 3,
};

function filled(): InvoiceDraft {
  const draft = emptyDraft('2026-11-25', 'EUR');
  draft.partyId = PARTY;
  draft.lines = [{ ...blankLine(), description: ' Consulting ', quantity: '10', unitPrice: '50,00', taxCodeIds: [TAX_21] }];
  return draft;
}

describe('a new invoice', () => {
  it('starts with the default series, the given date and currency, and one blank line', () => {
    const draft = emptyDraft('2026-11-25', 'EUR');
    expect(draft).toMatchObject({ partyId: null, series: 'INV', issueDate: '2026-11-25', currency: 'EUR', notes: '' });
    expect(draft.lines).toHaveLength(1);
    expect(draft.lines[0]).toMatchObject({ quantity: '1', unitPrice: '', taxCodeIds: [] });
  });

  it('sends numbers as the API reads them and leaves out what is empty', () => {
    expect(newInvoiceBody(filled())).toEqual({
      series: 'INV',
      partyId: PARTY,
      issueDate: '2026-11-25',
      currency: 'EUR',
      lines: [{ description: 'Consulting', quantity: '10', unitPrice: '50.00', taxCodeIds: [TAX_21] }],
    });
  });

  it('sends what is typed in a number as it is, for the API to refuse on the field', () => {
    const draft = filled();
    draft.lines.push({ ...blankLine(), description: 'Travel', quantity: 'abc', unitPrice: '12.50', discountPercent: ' 5 ' });
    expect(newInvoiceBody(draft).lines[1]).toEqual({
      description: 'Travel',
      quantity: 'abc',
      unitPrice: '12.50',
      discountPercent: '5',
      taxCodeIds: [],
    });
  });

  it('needs a customer, an issue date and a description on the lines without a product', () => {
    const draft = emptyDraft('', 'EUR');
    draft.lines.push(lineWithProduct(blankLine(), product, 'Ground coffee 250 g'));
    draft.lines[1] = { ...(draft.lines[1] as InvoiceDraft['lines'][number]), description: '' };
    expect(missingFields(draft)).toEqual({
      partyId: 'invoices.form.errors.required',
      issueDate: 'invoices.form.errors.required',
      'lines.0.description': 'invoices.form.errors.required',
    });
    expect(missingFields(filled())).toEqual({});
  });
});

describe('a product on a line', () => {
  it('fills the description, the sales price, the default sales taxes and the income account', () => {
    const line = lineWithProduct({ ...blankLine([TAX_21]), quantity: '3' }, product, 'Café molido 250 g');
    expect(line).toMatchObject({
      productId: product.id,
      productLabel: 'CAF-250 — Café molido 250 g',
      description: 'Café molido 250 g',
      quantity: '3',
      unitPrice: '4.50',
      taxCodeIds: [TAX_10],
      incomeAccountId: INCOME,
    });
    expect(lineWithoutProduct(line)).toMatchObject({
      productId: null,
      productLabel: '',
      description: 'Café molido 250 g',
      incomeAccountId: null,
    });
  });

  it('keeps what the line has when the product has no price or taxes', () => {
    const bare = { ...product, salesPrice: null, salesTaxCodeIds: [] };
    expect(lineWithProduct({ ...blankLine([TAX_21]), unitPrice: '9' }, bare, 'x')).toMatchObject({ unitPrice: '9', taxCodeIds: [TAX_21] });
  });

  it('lets the API take the product’s description and price when the line leaves them empty', () => {
    const draft = filled();
    draft.lines = [{ ...lineWithProduct(blankLine(), product, 'Ground coffee 250 g'), description: '', unitPrice: '' }];
    expect(newInvoiceBody(draft).lines).toEqual([{ productId: product.id, quantity: '1', taxCodeIds: [TAX_10], incomeAccountId: INCOME }]);
  });
});

describe('editing a draft', () => {
  it('reads the invoice, showing a zero discount as empty', () => {
    const draft = draftOf(invoice);
    expect(draft).toMatchObject({ partyId: PARTY, series: 'INV', issueDate: '2026-11-25', currency: 'EUR', notes: '' });
    expect(draft.lines[0]).toMatchObject({ description: 'Consulting', quantity: '10', unitPrice: '50.00', discountPercent: '' });
  });

  it('sends only the version when nothing changed', () => {
    expect(invoicePatchBody(invoice, draftOf(invoice))).toEqual({ version: 3 });
  });

  it('sends the version and what changed, the lines as the whole new list', () => {
    const draft = draftOf(invoice);
    draft.notes = 'Thanks!';
    draft.lines.push({ ...blankLine(), description: 'Travel', quantity: '2', unitPrice: '12.50', taxCodeIds: [TAX_10] });
    expect(invoicePatchBody(invoice, draft)).toEqual({
      version: 3,
      notes: 'Thanks!',
      lines: [
        { description: 'Consulting', quantity: '10', unitPrice: '50.00', taxCodeIds: [TAX_21] },
        { description: 'Travel', quantity: '2', unitPrice: '12.50', taxCodeIds: [TAX_10] },
      ],
    });
  });

  it('clears the notes with null', () => {
    const withNotes = { ...invoice, notes: 'Old' };
    const draft = draftOf(withNotes);
    draft.notes = '  ';
    expect(invoicePatchBody(withNotes, draft)).toEqual({ version: 3, notes: null });
  });
});

describe('the live totals', () => {
  it('asks for the sales side in the invoice currency', () => {
    const draft = filled();
    draft.lines.push({
      ...blankLine(),
      description: 'Travel',
      quantity: '2',
      unitPrice: '12.5',
      discountPercent: '10',
      taxCodeIds: [TAX_10],
    });
    expect(computeInput(draft)).toEqual({
      side: 'sales',
      currency: 'EUR',
      lines: [
        { quantity: '10', unitPrice: '50.00', taxCodeIds: [TAX_21] },
        { quantity: '2', unitPrice: '12.5', discountPercent: '10', taxCodeIds: [TAX_10] },
      ],
    });
  });

  it('waits for every line to have a quantity and a price, and for a whole currency code', () => {
    const draft = filled();
    draft.lines.push(blankLine());
    expect(computeInput(draft)).toBeNull();
    expect(computeInput({ currency: 'EU', lines: filled().lines })).not.toHaveProperty('currency');
  });
});

describe('errors and numbers', () => {
  it('finds a field’s error or one of its items', () => {
    const errors = { 'lines.1.quantity': 'must be a number', 'lines.1.taxCodeIds.0': 'unknown tax code' };
    expect(errorOn(errors, 'lines.1.quantity')).toBe('must be a number');
    expect(errorOn(errors, 'lines.1.taxCodeIds')).toBe('unknown tax code');
    expect(errorOn(errors, 'lines.0.quantity')).toBeUndefined();
  });

  it('knows which errors the form shows on a field', () => {
    expect(isShownField('partyId', 2)).toBe(true);
    expect(isShownField('lines.1.quantity', 2)).toBe(true);
    expect(isShownField('lines.1.taxCodeIds.0', 2)).toBe(true);
    expect(isShownField('lines.2.quantity', 2)).toBe(false);
    expect(isShownField('rate', 2)).toBe(false);
  });

  it('reads a decimal comma and recognizes zero', () => {
    expect(typedNumber(' 12,5 ')).toBe('12.5');
    expect(isZero('0')).toBe(true);
    expect(isZero('0.00')).toBe(true);
    expect(isZero(null)).toBe(true);
    expect(isZero('0.5')).toBe(false);
  });
});
