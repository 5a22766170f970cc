import { describe, expect, it } from 'vitest';
import { rateForm } from './fx-api.ts';

const valid = { currency: 'USD', quote: '', date: '2026-03-31', rate: '0.95' };
const firstError = (input: object) => {
  const result = rateForm.safeParse({ ...valid, ...input });
  return result.success ? null : [String(result.error.issues[0]?.path[0]), result.error.issues[0]?.message];
};

describe('the exchange rate form', () => {
  it('accepts a positive rate with up to 10 decimals, quoted in the base currency or another', () => {
    expect(firstError({})).toBeNull();
    expect(firstError({ rate: '1.0000000001', quote: 'GBP' })).toBeNull();
  });

  it('refuses what the API refuses, naming the field and the translation key', () => {
    expect(firstError({ rate: '0.000' })).toEqual(['rate', 'ratePositive']);
    expect(firstError({ rate: '1.12345678901' })).toEqual(['rate', 'rate']);
    expect(firstError({ rate: '1,5' })).toEqual(['rate', 'rate']);
    expect(firstError({ currency: 'usd' })).toEqual(['currency', 'currency']);
    expect(firstError({ quote: 'USD' })).toEqual(['quote', 'sameCurrency']);
    expect(firstError({ date: '' })).toEqual(['date', 'date']);
  });
});
