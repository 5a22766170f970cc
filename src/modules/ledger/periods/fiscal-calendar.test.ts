import { describe, expect, it } from 'vitest';
import { fiscalYearOf } from '../entry-lines.ts';
import { dayBefore, fiscalPeriods, fiscalYearRange } from './fiscal-calendar.ts';

describe('fiscal calendar', () => {
  it('bounds calendar and shifted fiscal years', () => {
    expect(fiscalYearRange(2024, 1)).toEqual({ startDate: '2024-01-01', endDate: '2024-12-31' });
    expect(fiscalYearRange(2024, 7)).toEqual({ startDate: '2024-07-01', endDate: '2025-06-30' });
    expect(fiscalYearRange(2023, 3)).toEqual({ startDate: '2023-03-01', endDate: '2024-02-29' });
  });

  it('splits a year into twelve contiguous months that agree with fiscalYearOf', () => {
    for (const startMonth of [1, 4, 7, 12]) {
      const periods = fiscalPeriods(2023, startMonth);
      expect(periods).toHaveLength(12);
      const range = fiscalYearRange(2023, startMonth);
      expect(periods[0]?.startDate).toBe(range.startDate);
      expect(periods[11]?.endDate).toBe(range.endDate);
      for (const [i, p] of periods.entries()) {
        expect(fiscalYearOf(p.startDate, startMonth)).toBe(2023);
        expect(fiscalYearOf(p.endDate, startMonth)).toBe(2023);
        const next = periods[i + 1];
        if (next) expect(dayBefore(next.startDate)).toBe(p.endDate);
      }
      expect(fiscalYearOf(dayBefore(range.startDate), startMonth)).toBe(2022);
    }
    expect(fiscalPeriods(2024, 1)[1]).toEqual({ period: 2, startDate: '2024-02-01', endDate: '2024-02-29' });
  });

  it('steps back across month and year ends', () => {
    expect(dayBefore('2025-01-01')).toBe('2024-12-31');
    expect(dayBefore('2024-03-01')).toBe('2024-02-29');
  });
});
