/**
 * How plain-text journals write the common currencies. A line valued in "€" is valued in EUR: base-currency
 * reports count it, while the line keeps the commodity exactly as the journal wrote it (hledger tells "€"
 * and "EUR" apart, and an exported journal must say what the imported one said).
 */
const SYMBOLS: Record<string, readonly string[]> = {
  EUR: ['€'],
  USD: ['$', 'US$'],
  GBP: ['£'],
  JPY: ['¥'],
  INR: ['₹'],
  KRW: ['₩'],
  BRL: ['R$'],
  CHF: ['Fr.'],
  MXN: ['MX$'],
  CAD: ['CA$'],
  AUD: ['A$'],
};

/** Every way a line's value currency may name this ISO currency: its code and its symbols. */
export function currencyNames(iso: string): string[] {
  return [iso, ...(SYMBOLS[iso] ?? [])];
}
