/**
 * Fiscal-year dates as plain `YYYY-MM-DD` strings (compared as strings, like PostgreSQL dates). A fiscal
 * year is named by the calendar year it starts in, as `fiscalYearOf` in entry-lines.ts assigns entries.
 */
const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const isoDay = (d: Date) => `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** The first day of the month `offset` months after (year, month). */
function monthStart(year: number, month: number, offset = 0): string {
  return isoDay(new Date(Date.UTC(year, month - 1 + offset, 1)));
}

export function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return isoDay(d);
}

export interface DateRange {
  startDate: string;
  endDate: string;
}

export function fiscalYearRange(year: number, startMonth: number): DateRange {
  return { startDate: monthStart(year, startMonth), endDate: dayBefore(monthStart(year + 1, startMonth)) };
}

/** The twelve monthly periods of a fiscal year, in order. */
export function fiscalPeriods(year: number, startMonth: number): (DateRange & { period: number })[] {
  return Array.from({ length: 12 }, (_, i) => ({
    period: i + 1,
    startDate: monthStart(year, startMonth, i),
    endDate: dayBefore(monthStart(year, startMonth, i + 1)),
  }));
}

/** Today in UTC, the date a fiscal year is "current" by. */
export const today = (): string => isoDay(new Date());
