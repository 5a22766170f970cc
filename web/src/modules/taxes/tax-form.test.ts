import { describe, expect, it } from 'vitest';
import { emptyTaxDraft, missingTaxFields, newTaxCodeBody, taxCodePatchBody, taxDraftOf } from './tax-form.ts';
import type { TaxCode } from './taxes-api.ts';
import { formatRate, taxCodeName } from './taxes-api.ts';

const iva21: TaxCode = {
  id: 't1',
  code: 'IVA21',
  name: 'VAT 21%',
  nameEs: 'IVA 21%',
  kind: 'vat',
  category: 'S',
  rate: '21',
  scope: 'both',
  priceIncluded: false,
  compound: false,
  reverseCharge: false,
  exemptionCode: null,
  exemptionReason: null,
  salesAccountId: 'a477',
  purchasesAccountId: 'a472',
  reverseChargeAccountId: null,
  archivedAt: null,
  version: 3,
};

describe('tax code form', () => {
  it('sends a new code with only what has a value, the rate with a decimal point', () => {
    const draft = { ...emptyTaxDraft(), code: ' RE5.2 ', kind: 'surcharge' as const, rate: '5,2', name: 'Surcharge 5.2%' };
    expect(newTaxCodeBody(draft)).toEqual({
      code: 'RE5.2',
      kind: 'surcharge',
      rate: '5.2',
      priceIncluded: false,
      compound: false,
      reverseCharge: false,
      name: 'Surcharge 5.2%',
      scope: 'both',
      category: 'S',
    });
  });

  it('gives a withholding no category', () => {
    const draft = { ...emptyTaxDraft(), code: 'IRPF15', kind: 'withholding' as const, rate: '15', name: 'IRPF 15%' };
    expect(newTaxCodeBody(draft)).not.toHaveProperty('category');
    expect(missingTaxFields({ ...draft, category: null }, false)).toEqual({});
  });

  it('patches only the fields that changed, with the version read; a cleared field is null', () => {
    const draft = { ...taxDraftOf(iva21), name: 'VAT 21 %', nameEs: '', rate: '99', salesAccountId: null };
    expect(taxCodePatchBody(iva21, draft)).toEqual({ version: 3, name: 'VAT 21 %', nameEs: null, salesAccountId: null });
    expect(taxCodePatchBody(iva21, taxDraftOf(iva21))).toEqual({ version: 3 });
  });

  it('asks for the code, rate and name of a new code, and the name of an edited one', () => {
    expect(missingTaxFields(emptyTaxDraft(), false)).toEqual({
      code: 'taxes.form.errors.required',
      rate: 'taxes.form.errors.required',
      name: 'taxes.form.errors.required',
    });
    expect(missingTaxFields({ ...taxDraftOf(iva21), name: ' ' }, true)).toEqual({ name: 'taxes.form.errors.required' });
  });

  it('shows names and rates in the UI language', () => {
    expect(taxCodeName(iva21, 'es')).toBe('IVA 21%');
    expect(taxCodeName({ ...iva21, nameEs: null }, 'es')).toBe('VAT 21%');
    expect(taxCodeName(iva21, 'en')).toBe('VAT 21%');
    expect(formatRate('5.2', 'en')).toBe('5.2%');
    expect(formatRate('5.2', 'es')).toBe('5,2\u00a0%');
  });
});
