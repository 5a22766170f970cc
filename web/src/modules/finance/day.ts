import i18n from 'i18next';

/** Today as yyyy-mm-dd in the local time zone. */
export function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** A yyyy-mm-dd calendar day in the UI language, read as a local date (no time-zone shift). */
export function formatDay(day: string | null | undefined): string {
  if (!day) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Intl.DateTimeFormat(i18n.resolvedLanguage ?? i18n.language ?? 'en', { dateStyle: 'medium' }).format(date);
}

/** Whether a date input holds a complete yyyy-mm-dd day. */
export const isDay = (value: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(value);
