import { describe, expect, it } from 'vitest';
import { creditErrors, creditLines, defaultQuantities } from './credit-form.ts';

const lines = [
  { lineNo: 1, quantity: '4' },
  { lineNo: 2, quantity: '2.5' },
  { lineNo: 3, quantity: '1' },
];

describe('credit form', () => {
  it('starts every row at the whole line', () => {
    expect(defaultQuantities(lines)).toEqual(['4', '2.5', '1']);
  });

  it('sends the rows with a quantity above zero, with their line numbers', () => {
    expect(creditLines(lines, ['1', '0', '0,5'])).toEqual({
      lines: [
        { lineNo: 1, quantity: '1' },
        { lineNo: 3, quantity: '0.5' },
      ],
      rows: [0, 2],
      invalid: [],
    });
    expect(creditLines(lines, ['', '', '']).lines).toEqual([]);
  });

  it('uses the position when the API gives no line number, and finds quantities that are not numbers', () => {
    expect(creditLines([{}, {}], ['2', 'abc'])).toEqual({ lines: [{ lineNo: 1, quantity: '2' }], rows: [0], invalid: [1] });
  });

  it('moves the errors of the sent lines onto the rows they came from', () => {
    const errors = creditErrors({ 'lines.1.quantity': 'Only 3 left to credit', reason: 'Required', 'other.field': 'x' }, [0, 2]);
    expect(errors.rows).toEqual({ 2: 'Only 3 left to credit' });
    expect(errors.fields).toEqual({ reason: 'Required' });
    expect(errors.shown.sort()).toEqual(['lines.1.quantity', 'reason']);
  });

  it('leaves errors of lines it did not send to the general alert', () => {
    expect(creditErrors({ 'lines.0.quantity': 'Too much' }, []).shown).toEqual([]);
  });
});
