import { z } from 'zod';
import { AppError } from './errors.ts';

/** Keyset (cursor) pagination: stable under inserts, no OFFSET scans. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
};

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, arity: number): string[] | null {
  if (!cursor) return null;
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === arity && values.every((v) => typeof v === 'string' || typeof v === 'number')) {
      return values.map(String);
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError('VALIDATION_FAILED', 'The cursor is not one this API gave out', [{ path: 'cursor', message: 'is invalid' }]);
}

/** Takes `limit + 1` rows and turns the extra one into the next cursor. */
export function toPage<R, T>(rows: R[], limit: number, map: (row: R) => T, cursorOf: (row: R) => (string | number)[]): Page<T> {
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  const last = shown.at(-1);
  return { items: shown.map(map), nextCursor: more && last !== undefined ? encodeCursor(cursorOf(last)) : null };
}
