import { type Amount, formatAmount, multiplyByPrice, totalPriceCost } from '../plain-text/amount.ts';
import { JournalError, type Posting } from '../plain-text/parse-journal.ts';

/** The decimals the quantity and value columns keep (numeric(30,10)). */
export const MAX_SCALE = 10;
const MAX_INTEGER_DIGITS = 20;

/** A journal posting as a ledger line: magnitudes as decimal strings, the side from the value's sign. */
export interface LineValues {
  account: string;
  comment: string | undefined;
  side: 'debit' | 'credit';
  /** |amount| in its own commodity. */
  quantity: string;
  commodity: string;
  /** |value| in the value commodity: the cost when the posting has a price, else the amount itself. */
  value: string;
  valueCommodity: string;
  /** value / quantity when it has an exact form of at most 10 decimals, else null. */
  rate: string | null;
}

/** Drops trailing zero decimals: 1.500 (quantity 1500, scale 3) → quantity 15, scale 1. */
export function normalize(a: Amount): Amount {
  let { quantity, scale } = a;
  while (scale > 0 && quantity % 10n === 0n) {
    quantity /= 10n;
    scale -= 1;
  }
  return { quantity, scale, commodity: a.commodity };
}

/** A plain decimal string of the magnitude: quantity 150, scale 2 → "1.50". */
export function magnitude(a: Amount): string {
  const q = a.quantity < 0n ? -a.quantity : a.quantity;
  const digits = q.toString().padStart(a.scale + 1, '0');
  return a.scale === 0 ? digits : `${digits.slice(0, -a.scale)}.${digits.slice(-a.scale)}`;
}

/** An exact decimal string (as PostgreSQL prints numerics) as an amount of `commodity`. */
export function decimalToAmount(text: string, commodity: string): Amount {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new RangeError(`"${text}" is not a decimal`);
  const fraction = m[3] ?? '';
  const quantity = BigInt(`${m[2]}${fraction}`);
  return normalize({ quantity: m[1] ? -quantity : quantity, scale: fraction.length, commodity });
}

function fits(a: Amount): boolean {
  const q = a.quantity < 0n ? -a.quantity : a.quantity;
  return a.scale <= MAX_SCALE && q < 10n ** BigInt(MAX_INTEGER_DIGITS + a.scale);
}

/** value / quantity as an exact decimal of at most 10 decimals, or null. */
function exactRate(value: Amount, quantity: Amount): string | null {
  const num = (value.quantity < 0n ? -value.quantity : value.quantity) * 10n ** BigInt(MAX_SCALE + quantity.scale);
  const den = (quantity.quantity < 0n ? -quantity.quantity : quantity.quantity) * 10n ** BigInt(value.scale);
  if (num % den !== 0n) return null;
  const rate = normalize({ quantity: num / den, scale: MAX_SCALE, commodity: '' });
  return fits(rate) ? magnitude(rate) : null;
}

/**
 * The ledger line for one balanced posting, or null when it is worth nothing (it changes no balance, and a
 * ledger line is a debit or a credit). A zero amount at a total price (`0 EUR @@ $1`) is worth its price. Throws a `file:line` JournalError for what the ledger can't hold
 * exactly: more than 10 decimals or 20 integer digits, a negative or zero price.
 */
export function postingLine(fileName: string, p: Posting): LineValues | null {
  const fail = (reason: string): never => {
    throw new JournalError(fileName, p.line, reason);
  };
  const amount = normalize(p.amount as Amount);
  if (amount.quantity === 0n && !p.cost) return null;
  if (!fits(amount)) fail(`amount ${formatAmount(amount)} has more than ${MAX_SCALE} decimals or ${MAX_INTEGER_DIGITS} digits`);
  let value = amount;
  if (p.cost) {
    if (amount.quantity === 0n && p.cost.amount.quantity === 0n) return null;
    if (p.cost.amount.quantity <= 0n) fail(`price ${formatAmount(p.cost.amount)} must be greater than zero`);
    value = normalize(p.cost.kind === '@' ? multiplyByPrice(amount, p.cost.amount) : totalPriceCost(amount, p.cost.amount));
    if (!fits(value)) fail(`the cost ${formatAmount(value)} has more than ${MAX_SCALE} decimals or ${MAX_INTEGER_DIGITS} digits`);
    if (value.quantity === 0n) return null;
  }
  return {
    account: p.account,
    comment: p.comment,
    side: value.quantity > 0n ? 'debit' : 'credit',
    quantity: magnitude(amount),
    commodity: amount.commodity,
    value: magnitude(value),
    valueCommodity: value.commodity,
    rate: !p.cost ? '1' : amount.quantity === 0n ? null : exactRate(value, amount),
  };
}
