// Money as the API gives it: decimal strings ("1234.50", "-12.0001", at most 4 decimals). Sums and
// comparisons are exact (bigint units of 1/10,000); floats are never involved.

const SCALE = 4;
const UNIT = 10n ** BigInt(SCALE);
const DECIMAL = /^(-?)(\d+)(?:\.(\d{1,4}))?$/;
/** What is displayed may have more decimals: quantities and values of imported journals keep up to 10. */
const DISPLAYED = /^(-?)(\d+)(?:\.(\d{1,10}))?$/;

/** Parses a decimal string into units of 1/10,000; null when it is not a decimal with at most 4 decimals. */
export function toUnits(value: string): bigint | null {
  const match = DECIMAL.exec(value.trim());
  if (!match) return null;
  const [, sign = '', whole = '0', fraction = ''] = match;
  const units = BigInt(whole) * UNIT + BigInt(fraction.padEnd(SCALE, '0'));
  return sign === '-' ? -units : units;
}

/** Units of 1/10,000 back to a decimal string with 2 to 4 decimals ("1234.50", "0.0001"). */
export function fromUnits(units: bigint): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const whole = (abs / UNIT).toString();
  const fraction = (abs % UNIT)
    .toString()
    .padStart(SCALE, '0')
    .replace(/0{1,2}$/, '');
  return `${negative ? '-' : ''}${whole}.${fraction.length < 2 ? fraction.padEnd(2, '0') : fraction}`;
}

/**
 * An amount typed by a person: digits with "." or "," as the decimal separator, at most 4 decimals.
 * Returns the API's decimal string ("12.5" → "12.5"), "" for an empty field, or null when not valid.
 */
export function parseAmountInput(raw: string): string | null {
  const value = raw.trim().replace(',', '.');
  if (value === '') return '';
  return /^\d{1,16}(\.\d{1,4})?$/.test(value) ? value : null;
}

/** Sum of decimal strings (invalid or empty ones count as zero). */
export function sumDecimals(values: readonly string[]): bigint {
  return values.reduce((sum, value) => sum + (toUnits(value) ?? 0n), 0n);
}

interface Separators {
  group: string;
  decimal: string;
  /** Whether 4-digit integers are grouped (es does not group "1234"). */
  groupFourDigits: boolean;
}

const separatorsCache = new Map<string, Separators>();

function separators(locale: string): Separators {
  const cached = separatorsCache.get(locale);
  if (cached) return cached;
  const format = new Intl.NumberFormat(locale, { minimumFractionDigits: 1 });
  const parts = format.formatToParts(12345.5);
  const found: Separators = {
    group: parts.find((p) => p.type === 'group')?.value ?? ',',
    decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
    groupFourDigits: format.formatToParts(1234.5).some((p) => p.type === 'group'),
  };
  separatorsCache.set(locale, found);
  return found;
}

/**
 * Formats a decimal string for display in a locale by regrouping its digits (never through a float):
 * formatDecimal("1234567.5", "en") → "1,234,567.50"; in "es" → "1.234.567,50". At least 2 decimals.
 * A value that is not a decimal string is returned as it is.
 */
export function formatDecimal(value: string, locale: string): string {
  const match = DISPLAYED.exec(value.trim());
  if (!match) return value;
  const [, sign = '', rawWhole = '0', rawFraction = ''] = match;
  const { group, decimal, groupFourDigits } = separators(locale);
  const whole = rawWhole.replace(/^0+(?=\d)/, '');
  const grouped = whole.length > 4 || (whole.length === 4 && groupFourDigits) ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, group) : whole;
  const fraction = rawFraction.padEnd(2, '0');
  const isZero = /^0*$/.test(whole) && /^0*$/.test(fraction);
  return `${sign === '-' && !isZero ? '-' : ''}${grouped}${decimal}${fraction}`;
}
