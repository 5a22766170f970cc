import { describe, expect, it } from 'vitest';
import { formatDecimal, fromUnits, parseAmountInput, sumDecimals, toUnits } from './decimal.ts';

describe('formatDecimal', () => {
  it('groups digits and pads to two decimals in English', () => {
    expect(formatDecimal('1234567.5', 'en')).toBe('1,234,567.50');
    expect(formatDecimal('1234.5', 'en')).toBe('1,234.50');
    expect(formatDecimal('0', 'en')).toBe('0.00');
    expect(formatDecimal('12', 'en')).toBe('12.00');
  });

  it('keeps every decimal of an imported quantity (up to 10), and leaves anything longer as it is', () => {
    expect(formatDecimal('3531.8647', 'en')).toBe('3,531.8647');
    expect(formatDecimal('-0.0000000001', 'es')).toBe('-0,0000000001');
    expect(formatDecimal('1.12345678901', 'en')).toBe('1.12345678901');
  });

  it('uses Spanish separators, leaving 4-digit integers ungrouped as Spanish does', () => {
    expect(formatDecimal('1234567.5', 'es')).toBe('1.234.567,50');
    expect(formatDecimal('12345.25', 'es')).toBe('12.345,25');
    expect(formatDecimal('1234.5', 'es')).toBe('1234,50');
  });

  it('keeps every decimal and the sign, with no float rounding', () => {
    expect(formatDecimal('-9876543210123456.0001', 'en')).toBe('-9,876,543,210,123,456.0001');
    expect(formatDecimal('0.1', 'en')).toBe('0.10');
    expect(formatDecimal('-0.00', 'en')).toBe('0.00');
  });

  it('returns anything that is not a decimal string unchanged', () => {
    expect(formatDecimal('abc', 'en')).toBe('abc');
  });
});

describe('decimal arithmetic', () => {
  it('sums exactly in units of 1/10,000', () => {
    expect(sumDecimals(['0.1', '0.2'])).toBe(toUnits('0.3'));
    expect(fromUnits(sumDecimals(['1234.50', '0.0001', '', 'x']))).toBe('1234.5001');
    expect(fromUnits(-15000n)).toBe('-1.50');
    expect(fromUnits(0n)).toBe('0.00');
  });

  it('reads typed amounts with a dot or a comma', () => {
    expect(parseAmountInput(' 12,5 ')).toBe('12.5');
    expect(parseAmountInput('100')).toBe('100');
    expect(parseAmountInput('')).toBe('');
    expect(parseAmountInput('1.23456')).toBeNull();
    expect(parseAmountInput('-3')).toBeNull();
  });
});
