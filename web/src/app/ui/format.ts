import i18n from 'i18next';

function locale(): string {
  return i18n.resolvedLanguage ?? i18n.language ?? 'en';
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium' }).format(date);
}

/** Month names 1..12 in the current language. */
export function monthName(month: number): string {
  return new Intl.DateTimeFormat(locale(), { month: 'long' }).format(new Date(2000, month - 1, 1));
}

/** A yyyy-mm-dd date input value → ISO datetime at the start (or end) of that local day. */
export function dayToIso(day: string, end = false): string | undefined {
  if (!day) return undefined;
  const date = new Date(`${day}T${end ? '23:59:59.999' : '00:00:00'}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
