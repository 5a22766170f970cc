import type { z } from 'zod';
import { AppError } from './errors.ts';

/** Validates a service input with its Zod schema, so callers other than HTTP get the same field errors. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new AppError(
      'VALIDATION_FAILED',
      'Some fields are not valid',
      result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
    );
  }
  return result.data;
}
