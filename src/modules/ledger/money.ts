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

/**
 * Re-prints any PostgreSQL numeric (quantities and values keep up to 10 decimals) without trailing zeros
 * beyond two decimals: "1234.5000000000" → "1234.50", "0.1234567800" → "0.12345678". Pure string work.
 */
export function formatDecimal(value: string): string {
  const match = /^(-?)(\d+)(?:\.(\d*))?$/.exec(value.trim());
  if (!match) throw new AppError('VALIDATION_FAILED', `"${value}" is not a decimal amount`);
  const [, sign, whole = '0', fraction = ''] = match;
  const digits = fraction.replace(/0+$/, '').padEnd(2, '0');
  const zero = /^0*$/.test(whole) && /^0*$/.test(digits);
  return `${zero ? '' : sign}${BigInt(whole)}.${digits}`;
}

const VALUE_FACTOR = 10n ** 10n;

/** A numeric string of up to 10 decimals (as the quantity and value columns hold) in units of 10^-10. */
export function toValueUnits(value: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d{0,10}))?$/.exec(value.trim());
  if (!match) throw new AppError('VALIDATION_FAILED', `"${value}" is not a decimal with at most 10 decimals`);
  const units = BigInt(match[2] ?? '0') * VALUE_FACTOR + BigInt((match[3] ?? '').padEnd(10, '0'));
  return match[1] ? -units : units;
}

/** Units of 10^-10 back to a decimal string, as {@link formatDecimal} prints it. */
export function fromValueUnits(units: bigint): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  return formatDecimal(`${negative ? '-' : ''}${abs / VALUE_FACTOR}.${(abs % VALUE_FACTOR).toString().padStart(10, '0')}`);
}

/** Exact sum of numeric strings of up to 10 decimals. */
export const sumDecimals = (values: readonly string[]): string => fromValueUnits(values.reduce((sum, v) => sum + toValueUnits(v), 0n));

/** Re-prints a rate without trailing zeros (keeping one decimal): "1.0825000000" → "1.0825". */
export const formatRate = (value: string): string => (value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '.0') : `${value}.0`);
