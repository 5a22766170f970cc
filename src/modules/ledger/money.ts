import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';

/**
 * Money in the ledger: PostgreSQL `numeric(20,4)` in the database, decimal strings in JSON, and `bigint`
 * units of 1/10,000 when JavaScript must add or compare. No float ever touches an amount.
 */
export const AMOUNT_DECIMALS = 4;
const FACTOR = 10n ** BigInt(AMOUNT_DECIMALS);

/** A non-negative amount as JSON carries it: "1234.50" (at most 16 integer digits and 4 decimals). */
export const amount = z.string().regex(/^\d{1,16}(\.\d{1,4})?$/, 'must be a decimal string like "1234.50" with at most 4 decimals');

/** An exchange rate: a positive decimal string with at most 10 decimals. */
export const rate = z
  .string()
  .regex(/^\d{1,10}(\.\d{1,10})?$/, 'must be a decimal string like "1.0825"')
  .refine((s) => /[1-9]/.test(s), 'must be greater than zero');

/** Parses a decimal string (as JSON or PostgreSQL numeric gives it) into units of 1/10,000. */
export function toUnits(value: string): bigint {
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) throw new AppError('VALIDATION_FAILED', `"${value}" is not a decimal amount`);
  const [, sign, whole = '0', fraction = ''] = match;
  if (fraction.length > AMOUNT_DECIMALS && /[1-9]/.test(fraction.slice(AMOUNT_DECIMALS))) {
    throw new AppError('VALIDATION_FAILED', `"${value}" has more than ${AMOUNT_DECIMALS} decimals`);
  }
  const units = BigInt(whole) * FACTOR + BigInt(fraction.slice(0, AMOUNT_DECIMALS).padEnd(AMOUNT_DECIMALS, '0'));
  return sign ? -units : units;
}

/** Units back to a decimal string with at least two decimals: 12345000n → "1234.50". */
export function fromUnits(units: bigint): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const whole = abs / FACTOR;
  const fraction = (abs % FACTOR)
    .toString()
    .padStart(AMOUNT_DECIMALS, '0')
    .replace(/^(\d\d\d*?)0*$/, '$1');
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

/** Re-prints a PostgreSQL numeric amount in the API's form. */
export const formatAmount = (value: string): string => fromUnits(toUnits(value));

/** Re-prints a rate without trailing zeros (keeping one decimal): "1.0825000000" → "1.0825". */
export const formatRate = (value: string): string => (value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '.0') : `${value}.0`);
