import { describe, expect, it } from 'vitest';
import { type Product, productName } from './products-api.ts';
import { draftOf, emptyDraft, missingFields, newProductBody, normalizePrice, productPatchBody } from './products-form.ts';

const TAX_10 = '00000000-0000-4000-8000-000000000010';
const TAX_21 = '00000000-0000-4000-8000-000000000021';
const INCOME = '00000000-0000-4000-8000-000000000700';

const product: Product = {
  id: 'p1',
  sku: 'CAF-250',
  kind: 'stockable',
  name: 'Ground coffee 250 g',
  nameEs: 'Café molido 250 g',
  description: null,
  unit: 'H87',
  barcode: '8412345678905',
  salesPrice: '4.50',
  purchasePrice: null,
  currency: 'EUR',
  salesTaxCodeIds: [TAX_10],
  purchaseTaxCodeIds: [],
  incomeAccountId: INCOME,
  expenseAccountId: null,
  archivedAt: null,
  version: 2,
};

describe('normalizePrice', () => {
  it('takes a comma as the decimal separator and writes the price as the API gives it back', () => {
    expect(normalizePrice(' 4,5 ')).toBe('4.50');
    expect(normalizePrice('12')).toBe('12.00');
    expect(normalizePrice('0.123400')).toBe('0.1234');
    expect(normalizePrice('007.')).toBe('7.00');
  });

  it('is null when empty and leaves what is not a price for the API to refuse', () => {
    expect(normalizePrice('  ')).toBeNull();
    expect(normalizePrice('-1')).toBe('-1');
    expect(normalizePrice('1.1234567')).toBe('1.1234567');
  });
});

describe('newProductBody', () => {
  it('sends what has a value, trimmed, and leaves empty fields to the API defaults', () => {
    const draft = {
      ...emptyDraft('EUR'),
      sku: ' CAF-250 ',
      name: ' Ground coffee 250 g',
      nameEs: '',
      barcode: '8 412345 678905',
      salesPrice: '4,50',
      salesTaxCodeIds: [TAX_10],
    };
    expect(newProductBody(draft)).toEqual({
      sku: 'CAF-250',
      kind: 'service',
      name: 'Ground coffee 250 g',
      unit: 'C62',
      barcode: '8412345678905',
      salesPrice: '4.50',
      currency: 'EUR',
      salesTaxCodeIds: [TAX_10],
    });
  });
});

describe('productPatchBody', () => {
  it('sends only the version when nothing changed (a price typed the same way differently included)', () => {
    expect(productPatchBody(product, { ...draftOf(product), salesPrice: '4.5' })).toEqual({ version: 2 });
  });

  it('sends changed fields, a cleared field as null and the whole tax code list', () => {
    const draft = { ...draftOf(product), salesPrice: '4.75', nameEs: '', salesTaxCodeIds: [TAX_10, TAX_21] };
    expect(productPatchBody(product, draft)).toEqual({
      version: 2,
      nameEs: null,
      salesPrice: '4.75',
      salesTaxCodeIds: [TAX_10, TAX_21],
    });
  });
});

describe('missingFields', () => {
  it('asks for the SKU, the name and the currency', () => {
    expect(Object.keys(missingFields({ ...emptyDraft(''), name: ' ' })).sort()).toEqual(['currency', 'name', 'sku']);
    expect(missingFields({ ...emptyDraft('EUR'), sku: 'X', name: 'Y' })).toEqual({});
  });
});

describe('productName', () => {
  it('uses the Spanish name in Spanish when there is one', () => {
    expect(productName(product, 'es')).toBe('Café molido 250 g');
    expect(productName(product, 'en')).toBe('Ground coffee 250 g');
    expect(productName({ ...product, nameEs: null }, 'es')).toBe('Ground coffee 250 g');
  });
});
