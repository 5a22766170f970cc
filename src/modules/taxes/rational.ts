/**
 * Exact fractions of bigints for tax arithmetic: quantities × prices × discounts, divided by (1 + rate)
 * for prices that include tax, are kept exact until the one rounding the rules call for.
 */
export interface Rational {
  n: bigint;
  d: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
};

function make(n: bigint, d: bigint): Rational {
  if (d === 0n) throw new RangeError('division by zero');
  const sign = d < 0n ? -1n : 1n;
  const g = gcd(n, d) || 1n;
  return { n: (sign * n) / g, d: (sign * d) / g };
}

export const ZERO: Rational = { n: 0n, d: 1n };
export const ONE: Rational = { n: 1n, d: 1n };

/** A decimal string ("-12.345") as an exact fraction. */
export function decimal(text: string): Rational {
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new RangeError(`not a decimal number: ${text}`);
  const fraction = match[3] ?? '';
  const n = BigInt(`${match[2]}${fraction}`) * (match[1] ? -1n : 1n);
  return make(n, 10n ** BigInt(fraction.length));
}

export const add = (a: Rational, b: Rational): Rational => make(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Rational, b: Rational): Rational => make(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Rational, b: Rational): Rational => make(a.n * b.n, a.d * b.d);
export const div = (a: Rational, b: Rational): Rational => make(a.n * b.d, a.d * b.n);
export const sum = (values: readonly Rational[]): Rational => values.reduce(add, ZERO);
export const percent = (rate: Rational): Rational => div(rate, { n: 100n, d: 1n });

/** Rounded to `decimals` places, half away from zero, as a count of those units. */
export function roundUnits(value: Rational, decimals: number): bigint {
  const scaled = value.n * 10n ** BigInt(decimals);
  const magnitude = scaled < 0n ? -scaled : scaled;
  const units = (2n * magnitude + value.d) / (2n * value.d);
  return scaled < 0n ? -units : units;
}

/** Units of 10^-decimals back to an exact fraction. */
export const fromUnits = (units: bigint, decimals: number): Rational => make(units, 10n ** BigInt(decimals));

/** Units of 10^-decimals as a decimal string with exactly that many places. */
export function formatUnits(units: bigint, decimals: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(decimals + 1, '0');
  const whole = decimals === 0 ? digits : digits.slice(0, -decimals);
  return `${negative ? '-' : ''}${whole}${decimals === 0 ? '' : `.${digits.slice(-decimals)}`}`;
}
