import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimal, roundUnits } from './rational.ts';
import { computeTaxes, type TaxRule, TaxRuleError } from './tax-engine.ts';

const rule = (id: string, rate: string, more: Partial<TaxRule> = {}): TaxRule => ({
  id,
  kind: 'vat',
  rate,
  priceIncluded: false,
  compound: false,
  reverseCharge: false,
  ...more,
});
const VAT21 = rule('IVA21', '21');
const VAT10 = rule('IVA10', '10');
const IRPF15 = rule('IRPF15', '15', { kind: 'withholding' });
const RE52 = rule('RE5.2', '5.2', { kind: 'surcharge' });

describe('tax engine', () => {
  it('rounds each line or the whole document, as configured', () => {
    // Three lines of 0.05 at 21 %: 0.0105 each. Rounded per line 0.01 × 3; per document round(0.0315) = 0.03.
    const lines = Array.from({ length: 3 }, () => ({ quantity: '1', unitPrice: '0.05', taxes: [VAT21] }));
    expect(computeTaxes(lines, { rounding: 'line' })).toMatchObject({ net: '0.15', tax: '0.03', total: '0.18' });
    // Two lines of 0.07 at 21 %: 0.0147 → 0.01 + 0.01 per line; per document round(0.0294) = 0.03.
    const two = Array.from({ length: 2 }, () => ({ quantity: '1', unitPrice: '0.07', taxes: [VAT21] }));
    expect(computeTaxes(two, { rounding: 'line' })).toMatchObject({ net: '0.14', tax: '0.02', total: '0.16' });
    expect(computeTaxes(two, { rounding: 'document' })).toMatchObject({ net: '0.14', tax: '0.03', total: '0.17' });
  });

  it('computes an invoice with two VAT rates, a discount and quantities with decimals', () => {
    const doc = computeTaxes(
      [
        { quantity: '3', unitPrice: '19.99', taxes: [VAT21] },
        { quantity: '2.5', unitPrice: '4.10', discountPercent: '10', taxes: [VAT10] },
        { quantity: '1', unitPrice: '100', taxes: [VAT21] },
      ],
      { rounding: 'document' },
    );
    expect(doc.lines.map((l) => l.net)).toEqual(['59.97', '9.23', '100.00']);
    expect(doc.taxes).toEqual([
      { taxId: 'IVA21', kind: 'vat', rate: '21', reverseCharge: false, base: '159.97', amount: '33.59' },
      { taxId: 'IVA10', kind: 'vat', rate: '10', reverseCharge: false, base: '9.23', amount: '0.92' },
    ]);
    expect(doc).toMatchObject({ net: '169.20', tax: '34.51', withholding: '0.00', total: '203.71' });
  });

  it('keeps back a withholding and adds an equivalence surcharge', () => {
    // A professional's invoice: 1,000 + 21 % VAT − 15 % IRPF.
    expect(computeTaxes([{ quantity: '1', unitPrice: '1000', taxes: [VAT21, IRPF15] }], { rounding: 'line' })).toMatchObject({
      net: '1000.00',
      tax: '210.00',
      withholding: '150.00',
      total: '1060.00',
    });
    // A retailer under recargo de equivalencia: 21 % + 5.2 %.
    expect(computeTaxes([{ quantity: '10', unitPrice: '12.50', taxes: [VAT21, RE52] }], { rounding: 'line' })).toMatchObject({
      net: '125.00',
      tax: '32.75',
      total: '157.75',
    });
  });

  it('computes a reverse-charge tax without charging it', () => {
    const reverse = rule('ISP21', '21', { reverseCharge: true });
    const doc = computeTaxes([{ quantity: '1', unitPrice: '500', taxes: [reverse] }], { rounding: 'document' });
    expect(doc).toMatchObject({ net: '500.00', tax: '0.00', reverseChargeTax: '105.00', total: '500.00' });
  });

  it('takes prices that include tax apart so the amount shown is what is charged', () => {
    const included = rule('IVA21i', '21', { priceIncluded: true });
    expect(computeTaxes([{ quantity: '1', unitPrice: '121', taxes: [included] }], { rounding: 'line' })).toMatchObject({
      net: '100.00',
      tax: '21.00',
      total: '121.00',
    });
    // 9.99 with 21 % inside: net 8.256… → 8.26, tax what is left, 1.73.
    expect(computeTaxes([{ quantity: '1', unitPrice: '9.99', taxes: [included] }], { rounding: 'line' })).toMatchObject({
      net: '8.26',
      tax: '1.73',
      total: '9.99',
    });
  });

  it('levies a compound tax on the net plus the other taxes', () => {
    const compound = rule('C5', '5', { compound: true });
    expect(computeTaxes([{ quantity: '1', unitPrice: '100', taxes: [VAT10, compound] }], { rounding: 'line' })).toMatchObject({
      tax: '15.50',
      total: '115.50',
    });
  });

  it('works in currencies without decimals', () => {
    expect(computeTaxes([{ quantity: '3', unitPrice: '333', taxes: [VAT10] }], { rounding: 'line', decimals: 0 })).toMatchObject({
      net: '999',
      tax: '100',
      total: '1099',
    });
  });

  it('refuses taxes that make no sense together', () => {
    expect(() =>
      computeTaxes([{ quantity: '1', unitPrice: '1', taxes: [rule('X', '5', { priceIncluded: true, compound: true })] }], {
        rounding: 'line',
      }),
    ).toThrow(TaxRuleError);
    expect(() => computeTaxes([{ quantity: '1', unitPrice: '1', taxes: [VAT21, VAT21] }], { rounding: 'line' })).toThrow(/twice/);
    expect(() =>
      computeTaxes([{ quantity: '1', unitPrice: '1', taxes: [rule('W', '15', { kind: 'withholding', priceIncluded: true })] }], {
        rounding: 'line',
      }),
    ).toThrow(/withholding/);
  });

  const amount = (max: number, decimals: number) =>
    fc.integer({ min: 0, max: max * 10 ** decimals }).map((n) => (n / 10 ** decimals).toFixed(decimals));
  const taxSet = fc.subarray([VAT21, VAT10, rule('IVA4', '4'), IRPF15, RE52, rule('ISP21', '21', { reverseCharge: true })]);
  const lines = fc.array(fc.record({ quantity: amount(50, 3), unitPrice: amount(2000, 4), taxes: taxSet }), {
    minLength: 1,
    maxLength: 12,
  });

  it('always totals net + tax − withholding, with each tax as its rounding says (property)', () => {
    fc.assert(
      fc.property(lines, fc.constantFrom('line' as const, 'document' as const), (input, rounding) => {
        const doc = computeTaxes(input, { rounding });
        const cents = (s: string) => roundUnits(decimal(s), 2);
        expect(cents(doc.total)).toBe(cents(doc.net) + cents(doc.tax) - cents(doc.withholding));
        expect(cents(doc.net)).toBe(doc.lines.reduce((acc, l) => acc + cents(l.net), 0n));
        for (const t of doc.taxes) {
          const lineAmounts = doc.lines.flatMap((l) => l.taxes.filter((x) => x.taxId === t.taxId));
          const lineSum = lineAmounts.reduce((acc, x) => acc + cents(x.amount), 0n);
          const base = lineAmounts.reduce((acc, x) => acc + cents(x.base), 0n);
          expect(cents(t.base)).toBe(base);
          if (rounding === 'line') expect(cents(t.amount)).toBe(lineSum);
          // Document rounding: round(base × rate) exactly; per line it can differ by at most half a cent a line.
          else expect(cents(t.amount)).toBe(roundUnits({ n: base * BigInt(Math.round(Number(t.rate) * 10)), d: 100000n }, 2));
          const gap = cents(t.amount) - lineSum;
          expect(gap <= BigInt(lineAmounts.length) && -gap <= BigInt(lineAmounts.length)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('charges exactly the amounts shown when prices include tax (property)', () => {
    const included = rule('IVA21i', '21', { priceIncluded: true });
    fc.assert(
      fc.property(fc.array(amount(500, 2), { minLength: 1, maxLength: 10 }), (prices) => {
        const doc = computeTaxes(
          prices.map((p) => ({ quantity: '1', unitPrice: p, taxes: [included] })),
          { rounding: 'line' },
        );
        const shown = prices.reduce((acc, p) => acc + roundUnits(decimal(p), 2), 0n);
        expect(roundUnits(decimal(doc.total), 2)).toBe(shown);
      }),
      { numRuns: 200 },
    );
  });
});
