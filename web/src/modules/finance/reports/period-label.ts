import type { TFunction } from 'i18next';
import { formatDay } from '../day.ts';

/** How a report column is headed: "Jan 1, 2025 – Jun 30, 2025", "Until …", "From …", "All dates". */
export function periodLabel(t: TFunction, from: string | null, to: string | null): string {
  if (from && to) return t('reports.period', { from: formatDay(from), to: formatDay(to) });
  if (from) return t('reports.since', { from: formatDay(from) });
  if (to) return t('reports.until', { to: formatDay(to) });
  return t('reports.allDates');
}
