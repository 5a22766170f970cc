/**
 * Exact arithmetic of foreign-currency values. Foreign amounts and rates are bigint units of 10^-10 (as the
 * ledger's quantity, value and rate columns hold them); base-currency amounts posted by FX work are rounded
 * to 4 decimals (units of 10^-4, the API's amounts).
 *
 * Rounding is half-up, symmetric around zero (0.00005 → 0.0001, -0.00005 → -0.0001): the rule EU law sets for
 * currency conversions (Regulation (EC) 1103/97, art. 5) and the one accountants expect when they redo a
 * conversion by hand. Only the final base amount is rounded, once; nothing is rounded on the way.
 */

const VALUE_TO_AMOUNT = 10n ** 6n;
/** foreign (10^-10) × rate (10^-10) is in 10^-20; a 4-decimal amount is in 10^-4. */
const PRODUCT_TO_AMOUNT = 10n ** 16n;

/** numerator / divisor rounded half away from zero; divisor > 0. */
export function divideRoundHalfUp(numerator: bigint, divisor: bigint): bigint {
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  const quotient = (abs + divisor / 2n) / divisor;
  return negative ? -quotient : quotient;
}

/** The base value, in 4-decimal units, of a foreign amount (10^-10 units, signed) at a rate (10^-10 units). */
export function baseValueOf(foreignValueUnits: bigint, rateValueUnits: bigint): bigint {
  return divideRoundHalfUp(foreignValueUnits * rateValueUnits, PRODUCT_TO_AMOUNT);
}

/** 4-decimal amount units as 10-decimal value units. */
export const amountToValueUnits = (amountUnits: bigint): bigint => amountUnits * VALUE_TO_AMOUNT;

/**
 * 1 / rate when that quotient has an exact form with at most 10 decimals (1.25 → 0.8, 0.5 → 2), else null.
 * A rounded inverse would make the base value depend on which direction a rate was typed in, so callers
 * refuse instead of inventing one.
 */
export function invertRateExactly(rateValueUnits: bigint): bigint | null {
  if (rateValueUnits <= 0n) return null;
  const scaled = 10n ** 20n;
  return scaled % rateValueUnits === 0n ? scaled / rateValueUnits : null;
}
