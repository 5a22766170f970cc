import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from '../auth/passwords.ts';
import { ROLES } from '../permissions/roles.ts';

/** Zod schemas shared by several rooms' routes (and by the web app's forms). */

/** Printable text: no control characters, trimmed, bounded. */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), 'must not contain control characters');

export const email = z.string().trim().max(254).pipe(z.email());
export const password = z.string().min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`).max(200);
export const role = z.enum(ROLES);
export const roles = z
  .array(role)
  .min(1)
  .max(ROLES.length)
  .transform((list) => [...new Set(list)]);
export const version = z.number().int().min(1);
export const idParams = z.strictObject({ id: z.uuid() });
export const currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like EUR');
export const country = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 code like ES');
export const locale = z.enum(['en', 'es']);

export const problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string(),
  code: z.string(),
  instance: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

export const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });
