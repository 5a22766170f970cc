/**
 * Exact decimal amounts for plain-text (hledger/ledger) journals.
 *
 * An amount is `quantity / 10^scale` units of `commodity`; `quantity` is a bigint, so no JS number ever
 * touches an amount. `scale` is the number of decimals as written (`1.50` → quantity 150, scale 2).
 */
export interface Amount {
  readonly quantity: bigint;
  readonly scale: number;
  readonly commodity: string;
}

export type DecimalMark = '.' | ',';

/** Thrown by {@link parseAmount}; the journal parser re-throws it as a `file:line` JournalError. */
export class AmountSyntaxError extends Error {
  override name = 'AmountSyntaxError';
}

/** Tells the number parser which decimal mark a commodity's `commodity` directive declared, if any. */
export type DecimalMarkLookup = (commodity: string) => DecimalMark | undefined;

/** Characters that end a bare commodity symbol (hledger's non-simple commodity characters, plus `,`). */
const NON_SIMPLE = new Set([...'0123456789-+.,@*;"{}=', ' ', '\t', '\n', '\r']);

export function isSimpleCommodity(commodity: string): boolean {
  if (commodity.length === 0) return false;
  for (const ch of commodity) if (NON_SIMPLE.has(ch)) return false;
  return true;
}

/**
 * Interprets the digits-and-separators part of an amount (`1.000,50`, `1,000`, `.5`) like hledger 1.25:
 * - two kinds of separator: the last one is the decimal mark (it must occur once), the other groups digits;
 * - one kind occurring several times: digit-group marks, no decimals;
 * - one separator occurring once: a decimal mark, unless the commodity's `commodity` directive declared the
 *   other mark, in which case it groups digits (`commodity 1.000,00 EUR` makes `1.000 EUR` a thousand and
 *   `1.5 EUR` fifteen, exactly as hledger does). Without a directive, `1,000` is therefore one, not a thousand.
 */
export function parseQuantity(text: string, decimalMark?: DecimalMark): { quantity: bigint; scale: number } {
  // One scan: the position and kind of the first and last separators, how many there are, and a digit check.
  let count = 0;
  let first = -1;
  let last = -1;
  let kinds = 0; // bit 1: '.', bit 2: ','
  let digits = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits = true;
    else if (c === 46 || c === 44) {
      count++;
      if (first < 0) first = i;
      last = i;
      kinds |= c === 46 ? 1 : 2;
    } else throw new AmountSyntaxError(`invalid number "${text}"`);
  }
  if (!digits) throw new AmountSyntaxError(`invalid number "${text}"`);
  if (count === 0) return { quantity: BigInt(text), scale: 0 };
  if (kinds === 3) {
    const mark = text[last];
    if (text.indexOf(mark as string) !== last) throw new AmountSyntaxError(`invalid number "${text}": decimal mark occurs twice`);
    const fraction = text.slice(last + 1);
    return { quantity: BigInt(groupedDigits(text.slice(0, last), text) + fraction), scale: fraction.length };
  }
  if (count > 1) return { quantity: BigInt(groupedDigits(text, text)), scale: 0 };
  const before = text.slice(0, first);
  const after = text.slice(first + 1);
  const isGroup = decimalMark !== undefined && text[first] !== decimalMark && before.length > 0 && after.length > 0;
  if (isGroup) return { quantity: BigInt(before + after), scale: 0 };
  return { quantity: BigInt((before || '0') + after), scale: after.length };
}

/** The digits of `part` with its group marks removed; every group must be non-empty. */
function groupedDigits(part: string, text: string): string {
  const groups = part.split(/[.,]/);
  for (const g of groups) if (g.length === 0) throw new AmountSyntaxError(`invalid digit grouping in "${text}"`);
  return groups.join('');
}

function readCommodity(s: string, pos: number): { commodity: string; end: number } | null {
  if (s[pos] === '"') {
    const close = s.indexOf('"', pos + 1);
    if (close < 0) throw new AmountSyntaxError('unterminated quoted commodity');
    const commodity = s.slice(pos + 1, close);
    if (commodity.length === 0) throw new AmountSyntaxError('empty quoted commodity');
    return { commodity, end: close + 1 };
  }
  let end = pos;
  while (end < s.length && !NON_SIMPLE.has(s[end] as string)) end++;
  return end > pos ? { commodity: s.slice(pos, end), end } : null;
}

function skipSpaces(s: string, pos: number): number {
  while (s[pos] === ' ' || s[pos] === '\t') pos++;
  return pos;
}

/**
 * Parses `€10`, `10.00 EUR`, `$-1,000.50`, `-$5`, `EUR -3,50`, `"ACME Corp" 3`, `5` (no commodity).
 * Space digit groups and exponents (which hledger also accepts) are refused.
 */
export function parseAmount(text: string, decimalMarkOf?: DecimalMarkLookup): Amount {
  const s = text.trim();
  if (s.length === 0) throw new AmountSyntaxError('empty amount');
  let pos = 0;
  let sign = 0; // 0: none yet, 1: '+', -1: '-'
  if (s[pos] === '-' || s[pos] === '+') sign = s[pos++] === '-' ? -1 : 1;
  let commodity = '';
  const left = readCommodity(s, pos);
  if (left) {
    commodity = left.commodity;
    pos = skipSpaces(s, left.end);
    if (s[pos] === '-' || s[pos] === '+') {
      if (sign !== 0) throw new AmountSyntaxError(`invalid amount "${s}": two signs`);
      sign = s[pos++] === '-' ? -1 : 1;
    }
  }
  const start = pos;
  for (let c = s.charCodeAt(pos); (c >= 48 && c <= 57) || c === 44 || c === 46; c = s.charCodeAt(++pos));
  const numberText = s.slice(start, pos);
  if (numberText.length === 0) throw new AmountSyntaxError(`invalid amount "${s}": no number`);
  pos = skipSpaces(s, pos);
  if (!left && pos < s.length) {
    const right = readCommodity(s, pos);
    if (!right) throw new AmountSyntaxError(`invalid amount "${s}"`);
    commodity = right.commodity;
    pos = right.end;
  }
  if (pos !== s.length) throw new AmountSyntaxError(`invalid amount "${s}": unexpected "${s.slice(pos)}"`);
  const { quantity, scale } = parseQuantity(numberText, decimalMarkOf?.(commodity));
  return { quantity: sign < 0 ? -quantity : quantity, scale, commodity };
}

function rescale(a: Amount, scale: number): bigint {
  return a.quantity * 10n ** BigInt(scale - a.scale);
}

/** Adds two amounts of the same commodity; the result keeps the larger scale. */
export function addAmounts(a: Amount, b: Amount): Amount {
  if (a.commodity !== b.commodity) throw new RangeError(`cannot add ${a.commodity} and ${b.commodity}`);
  const scale = Math.max(a.scale, b.scale);
  return { quantity: rescale(a, scale) + rescale(b, scale), scale, commodity: a.commodity };
}

export function negateAmount(a: Amount): Amount {
  return { ...a, quantity: -a.quantity };
}

export function isZero(a: Amount): boolean {
  return a.quantity === 0n;
}

/** Numeric equality of same-commodity amounts regardless of scale (`1.50 EUR` equals `1.5 EUR`). */
export function amountsEqual(a: Amount, b: Amount): boolean {
  if (a.commodity !== b.commodity) return false;
  const scale = Math.max(a.scale, b.scale);
  return rescale(a, scale) === rescale(b, scale);
}

/** `quantity` units at `unitPrice` each: the result is in the price's commodity, exactly (scales add up). */
export function multiplyByPrice(a: Amount, unitPrice: Amount): Amount {
  return { quantity: a.quantity * unitPrice.quantity, scale: a.scale + unitPrice.scale, commodity: unitPrice.commodity };
}

/** The cost of `a` at a total price (`@@`): the price's magnitude with the sign of `a`. */
export function totalPriceCost(a: Amount, totalPrice: Amount): Amount {
  const magnitude = totalPrice.quantity < 0n ? -totalPrice.quantity : totalPrice.quantity;
  return { quantity: a.quantity < 0n ? -magnitude : magnitude, scale: totalPrice.scale, commodity: totalPrice.commodity };
}

/** A plain decimal string with `.` as decimal mark and no grouping: `-1000.50`. */
export function formatQuantity(quantity: bigint, scale: number): string {
  const negative = quantity < 0n;
  const digits = (negative ? -quantity : quantity).toString().padStart(scale + 1, '0');
  const int = digits.slice(0, digits.length - scale);
  const frac = scale > 0 ? `.${digits.slice(digits.length - scale)}` : '';
  return `${negative ? '-' : ''}${int}${frac}`;
}

/**
 * Formats an amount so that hledger (with no `commodity` directives) and {@link parseAmount} read back exactly
 * the same quantity, scale and commodity: letter codes after the number (`10.00 EUR`), other bare symbols before
 * it (`$-1000.50`), anything else quoted after it (`3 "ACME Corp"`).
 */
export function formatAmount(a: Amount): string {
  const number = formatQuantity(a.quantity, a.scale);
  const c = a.commodity;
  if (c === '') return number;
  if (c.includes('"') || /[\r\n]/.test(c)) throw new RangeError(`commodity ${JSON.stringify(c)} cannot be written in a journal`);
  if (/^\p{L}+$/u.test(c)) return `${number} ${c}`;
  if (isSimpleCommodity(c)) return `${c}${number}`;
  return `${number} "${c}"`;
}
