import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Amount,
  AmountSyntaxError,
  addAmounts,
  amountsEqual,
  formatAmount,
  formatQuantity,
  multiplyByPrice,
  negateAmount,
  parseAmount,
  parseQuantity,
  totalPriceCost,
} from './amount.ts';
import { hasHledger, hledgerJsonBalances } from './hledger-oracle.ts';

const amt = (quantity: bigint, scale: number, commodity: string): Amount => ({ quantity, scale, commodity });
const EUR_COMMA = (c: string) => (c === 'EUR' ? (',' as const) : undefined);

describe('parseAmount', () => {
  it.each([
    ['€10', amt(10n, 0, '€')],
    ['10.00 EUR', amt(1000n, 2, 'EUR')],
    ['$-1,000.50', amt(-100050n, 2, '$')],
    ['-$5', amt(-5n, 0, '$')],
    ['EUR -3,50', amt(-350n, 2, 'EUR')],
    ['"ACME Corp" 3', amt(3n, 0, 'ACME Corp')],
    ['3 "ACME Corp"', amt(3n, 0, 'ACME Corp')],
    ['5', amt(5n, 0, '')],
    ['+5 USD', amt(5n, 0, 'USD')],
    ['.5 USD', amt(5n, 1, 'USD')],
    ['1. USD', amt(1n, 0, 'USD')],
    ['5USD', amt(5n, 0, 'USD')],
    ['1.000,50 EUR', amt(100050n, 2, 'EUR')],
    ['1,000,000 USD', amt(1000000n, 0, 'USD')],
    ['1.000.000 USD', amt(1000000n, 0, 'USD')],
    ['1,00,000 INR', amt(100000n, 0, 'INR')],
    ['123456789012345678901234567890.123456789 X', amt(123456789012345678901234567890123456789n, 9, 'X')],
  ])('%s', (text, expected) => {
    expect(parseAmount(text)).toEqual(expected);
  });

  it('reads a lone separator before exactly three digits as a decimal mark (hledger 1.25)', () => {
    expect(parseAmount('1,000 EUR')).toEqual(amt(1000n, 3, 'EUR'));
    expect(parseAmount('$1.000')).toEqual(amt(1000n, 3, '$'));
  });

  it("follows the commodity directive's decimal mark for a lone separator", () => {
    expect(parseAmount('1,000 EUR', EUR_COMMA)).toEqual(amt(1000n, 3, 'EUR'));
    expect(parseAmount('1.000 EUR', EUR_COMMA)).toEqual(amt(1000n, 0, 'EUR'));
    expect(parseAmount('1.5 EUR', EUR_COMMA)).toEqual(amt(15n, 0, 'EUR'));
    expect(parseAmount('.500 EUR', EUR_COMMA)).toEqual(amt(500n, 3, 'EUR'));
    expect(parseAmount('1,000.5 EUR', EUR_COMMA)).toEqual(amt(10005n, 1, 'EUR'));
    expect(parseAmount('1.5 USD', EUR_COMMA)).toEqual(amt(15n, 1, 'USD'));
  });

  it.each([
    ['', 'empty amount'],
    ['EUR', 'no number'],
    ['1.000,000.5 USD', 'decimal mark occurs twice'],
    ['1,,000 USD', 'invalid digit grouping'],
    ['--5', 'no number'],
    ['-$-5', 'two signs'],
    ['5 EUR USD', 'unexpected'],
    ['1e3 USD', 'invalid amount'],
    ['1 000 USD', 'invalid amount'],
    ['"ACME 3', 'unterminated'],
    ['"" 3', 'empty quoted commodity'],
    ['$5 {10 EUR}', 'invalid amount'],
  ])('refuses %j', (text, message) => {
    expect(() => parseAmount(text)).toThrow(AmountSyntaxError);
    expect(() => parseAmount(text)).toThrow(message);
  });
});

describe('parseQuantity', () => {
  it('reads digits and separators, with or without a declared decimal mark', () => {
    expect(parseQuantity('1.000,5')).toEqual({ quantity: 10005n, scale: 1 });
    expect(parseQuantity('1,000')).toEqual({ quantity: 1000n, scale: 3 });
    expect(parseQuantity('1,000', '.')).toEqual({ quantity: 1000n, scale: 0 });
    expect(parseQuantity('12', ',')).toEqual({ quantity: 12n, scale: 0 });
    expect(() => parseQuantity('1a')).toThrow('invalid number "1a"');
    expect(() => parseQuantity('.')).toThrow('invalid number "."');
  });
});

describe('arithmetic', () => {
  it('adds at the larger scale, negates, compares across scales', () => {
    expect(addAmounts(amt(150n, 2, 'EUR'), amt(-2n, 0, 'EUR'))).toEqual(amt(-50n, 2, 'EUR'));
    expect(negateAmount(amt(5n, 1, '$'))).toEqual(amt(-5n, 1, '$'));
    expect(amountsEqual(amt(150n, 2, 'EUR'), amt(15n, 1, 'EUR'))).toBe(true);
    expect(amountsEqual(amt(150n, 2, 'EUR'), amt(15n, 1, 'USD'))).toBe(false);
    expect(() => addAmounts(amt(1n, 0, 'EUR'), amt(1n, 0, 'USD'))).toThrow('cannot add EUR and USD');
  });

  it('multiplies by a unit price and applies a total price exactly', () => {
    expect(multiplyByPrice(amt(-3n, 0, 'AAPL'), amt(15025n, 2, '$'))).toEqual(amt(-45075n, 2, '$'));
    expect(multiplyByPrice(amt(35123n, 3, '€'), amt(11n, 1, '$'))).toEqual(amt(386353n, 4, '$'));
    expect(totalPriceCost(amt(-5n, 0, 'AAPL'), amt(78050n, 2, '$'))).toEqual(amt(-78050n, 2, '$'));
    expect(totalPriceCost(amt(5n, 0, 'AAPL'), amt(78050n, 2, '$'))).toEqual(amt(78050n, 2, '$'));
  });

  it('formats plain decimals and amounts hledger reads back', () => {
    expect(formatQuantity(-5n, 3)).toBe('-0.005');
    expect(formatQuantity(100050n, 2)).toBe('1000.50');
    expect(formatQuantity(0n, 0)).toBe('0');
    expect(formatAmount(amt(-100050n, 2, '$'))).toBe('$-1000.50');
    expect(formatAmount(amt(1000n, 2, 'EUR'))).toBe('10.00 EUR');
    expect(formatAmount(amt(3n, 0, 'ACME Corp'))).toBe('3 "ACME Corp"');
    expect(formatAmount(amt(3n, 0, ''))).toBe('3');
    expect(() => formatAmount(amt(3n, 0, 'a"b'))).toThrow('cannot be written');
  });
});

describe('property: format → parse round-trips exactly', () => {
  const commodity = fc.oneof(
    fc.constantFrom('', '$', '€', 'EUR', 'USD', 'ACME Corp', 'AAPL', 'Ñandú', 'x1', '£'),
    fc.stringMatching(/^[A-Za-z$€£¥:_]{1,8}$/),
  );
  it('for random quantities, scales and commodities', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 12 }), commodity, (quantity, scale, c) => {
        const a = amt(quantity, scale, c);
        expect(parseAmount(formatAmount(a))).toEqual(a);
      }),
      { numRuns: 2000 },
    );
  });
});

describe.runIf(hasHledger)('amount parsing equals hledger 1.25', () => {
  const cases: [string, boolean][] = [
    ['€10', false],
    ['10.00 EUR', false],
    ['$-1,000.50', false],
    ['-$5', false],
    ['EUR -3,50', false],
    ['"ACME Corp" 3', false],
    ['1,000 EUR', false],
    ['$1.000', false],
    ['1,5 USD', false],
    ['.5 USD', false],
    ['1. USD', false],
    ['1,000,000 USD', false],
    ['1.000.000 USD', false],
    ['1,00,000 INR', false],
    ['1.000,50 EUR', false],
    ['1,000.50 EUR', false],
    ['1,000 EUR', true],
    ['1.000 EUR', true],
    ['1.5 EUR', true],
    ['.500 EUR', true],
    ['1,000.5 EUR', true],
    ['1.000.000,00 EUR', true],
    ['1,5 USD', true],
    ['1.5 USD', true],
    ['1,000 USD', true],
  ];
  for (const directive of [false, true]) {
    it(directive ? 'with "commodity 1.000,00 EUR"' : 'without commodity directives', () => {
      const selected = cases.filter(([, d]) => d === directive).map(([text]) => text);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amount-oracle-'));
      const file = path.join(dir, 'amounts.journal');
      const body = selected.map((text, i) => `2024-01-01 case ${i}\n    a${i}  ${text}\n    b\n`).join('\n');
      fs.writeFileSync(file, `${directive ? 'commodity 1.000,00 EUR\n\n' : ''}${body}`);
      const theirs = hledgerJsonBalances(file);
      selected.forEach((text, i) => {
        const ours = parseAmount(text, directive ? EUR_COMMA : undefined);
        const h = theirs.get(`a${i}`);
        expect(h, text).toBeDefined();
        if (!h) return;
        expect(amountsEqual(ours, amt(h.mantissa, h.places, h.commodity)), `${text}: ours ${formatAmount(ours)}`).toBe(true);
      });
      fs.rmSync(dir, { recursive: true });
    });
  }
});
