import type { TFunction } from 'i18next';
import { ApiError } from '../api.ts';

/** Turns an API error path ("/email", "body.email", "email") into a form field name ("email"). */
export function fieldName(path: string): string {
  return path
    .replace(/^\//, '')
    .replace(/^body[./]/, '')
    .replaceAll('/', '.');
}

/** Field errors of an ApiError, keyed by field name (first message per field). */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiError)) return out;
  for (const item of error.errors) {
    const name = fieldName(item.path);
    if (name && out[name] === undefined) out[name] = item.message;
  }
  return out;
}

/** Field errors whose field is not one of `fields`: shown in the form's general alert instead. */
export function otherFieldErrors(error: unknown, fields: readonly string[]): { path: string; message: string }[] {
  if (!(error instanceof ApiError)) return [];
  return error.errors.filter((item) => !fields.includes(fieldName(item.path)));
}

/** A readable message for any error, preferring a translation of the API error code. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    const key = `errors.${error.code}`;
    const translated = t(key, { defaultValue: '' });
    if (translated) return translated;
    if (error.status === 0) return t('errors.NETWORK_ERROR');
    return error.detail || error.title;
  }
  if (error instanceof Error) return error.message;
  return t('errors.unknown');
}
