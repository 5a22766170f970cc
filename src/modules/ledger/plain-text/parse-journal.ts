import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import {
  type Amount,
  AmountSyntaxError,
  addAmounts,
  amountsEqual,
  type DecimalMark,
  formatAmount,
  isZero,
  multiplyByPrice,
  negateAmount,
  parseAmount,
  totalPriceCost,
} from './amount.ts';

/** A malformed or unbalanced journal; the message starts with `file:line: `. */
export class JournalError extends Error {
  override name = 'JournalError';
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
  }
}

export type Status = '' | '*' | '!';

export interface Posting {
  line: number;
  status: Status;
  account: string;
  /** `null` only while parsing; every posting of a returned transaction has its amount (inferred if omitted). */
  amount: Amount | null;
  /** True when the amount was omitted in the file and inferred so that the transaction balances. */
  inferred?: boolean;
  cost?: { kind: '@' | '@@'; amount: Amount };
  assertion?: Amount;
  comment?: string;
}

export interface Transaction {
  line: number;
  date: string;
  status: Status;
  code: string;
  description: string;
  comment: string;
  postings: Posting[];
}

export interface AccountDeclaration {
  line: number;
  account: string;
  /** The value of a `type:` tag on the directive (`A`, `Asset`, …), as written; see account-type.ts. */
  typeTag?: string;
  comment: string;
}

export interface CommodityDeclaration {
  line: number;
  commodity: string;
  /** The decimal mark of the directive's sample amount (`commodity 1.000,00 EUR` → `,`), if it has one. */
  decimalMark?: DecimalMark;
}

export interface MarketPrice {
  line: number;
  date: string;
  commodity: string;
  price: Amount;
}

export interface Journal {
  fileName: string;
  transactions: Transaction[];
  accounts: AccountDeclaration[];
  commodities: CommodityDeclaration[];
  prices: MarketPrice[];
}

export type JournalItem =
  | { kind: 'transaction'; transaction: Transaction }
  | { kind: 'account'; account: AccountDeclaration }
  | { kind: 'commodity'; commodity: CommodityDeclaration }
  | { kind: 'price'; price: MarketPrice };

const DATE = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})$/;

function parseDate(text: string): string | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[3]);
  const day = Number(m[4]);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (days === undefined || day < 1 || day > days) return null;
  return `${m[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Index of the first `ch` outside double quotes, or -1. */
function indexOutsideQuotes(s: string, ch: string, from = 0): number {
  let quoted = false;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === ch) return i;
  }
  return -1;
}

function splitComment(s: string): { body: string; comment: string | undefined } {
  const i = indexOutsideQuotes(s, ';');
  return i < 0 ? { body: s, comment: undefined } : { body: s.slice(0, i), comment: s.slice(i + 1).trim() };
}

/** Account name: up to two or more spaces or tabs (a single tab is not a separator in hledger 1.25), or the end. */
function splitAccount(s: string): { account: string; rest: string } {
  const m = /[ \t]{2,}/.exec(s);
  return m ? { account: s.slice(0, m.index).trim(), rest: s.slice(m.index) } : { account: s.trim(), rest: '' };
}

function appendComment(existing: string | undefined, more: string): string {
  return existing ? `${existing}\n${more}` : more;
}

const UNSUPPORTED_DIRECTIVES = new Set([
  'include',
  'alias',
  'end',
  'apply',
  'Y',
  'year',
  'D',
  'decimal-mark',
  'payee',
  'tag',
  'bucket',
  'A',
  'N',
  'C',
  'define',
  'assert',
  'check',
  'expr',
  'value',
  'def',
  'eval',
  'test',
  'comment',
  'python',
]);

/**
 * The line-by-line journal parser behind {@link parseJournal} and {@link parseJournalStream}. Its memory is
 * the transaction being read plus one running balance per account × commodity (for assertions).
 */
export class JournalParser {
  private lineNo = 0;
  private current: Transaction | null = null;
  /** What indented comment lines attach to. */
  private context: { kind: 'none' } | { kind: 'account'; decl: AccountDeclaration } = { kind: 'none' };
  private readonly marks = new Map<string, DecimalMark>();
  private readonly balances = new Map<string, Map<string, { quantity: bigint; scale: number }>>();
  private readonly markOf = (commodity: string) => this.marks.get(commodity);

  constructor(readonly fileName: string) {}

  private fail(line: number, reason: string): never {
    throw new JournalError(this.fileName, line, reason);
  }

  private amount(text: string, line: number, what: string): Amount {
    try {
      return parseAmount(text, this.markOf);
    } catch (e) {
      if (e instanceof AmountSyntaxError) this.fail(line, `${what}: ${e.message}`);
      throw e;
    }
  }

  /** Feeds one line (without its line terminator); appends the items it completed to `out` and returns it. */
  push(rawLine: string, out: JournalItem[] = []): JournalItem[] {
    this.lineNo++;
    const n = this.lineNo;
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.trim() === '') {
      this.flush(out);
      this.context = { kind: 'none' };
      return out;
    }
    const first = line[0] as string;
    if (first === ' ' || first === '\t') {
      this.indented(line.trim(), n);
      return out;
    }
    this.flush(out);
    this.context = { kind: 'none' };
    if (first === ';' || first === '#' || first === '*') return out;
    if (/^\d/.test(line)) {
      this.header(line, n);
      return out;
    }
    this.directive(line, n, out);
    return out;
  }

  /** Signals the end of the input; appends the last transaction, if one was open, to `out`. */
  end(out: JournalItem[] = []): JournalItem[] {
    this.flush(out);
    return out;
  }

  private header(line: string, n: number): void {
    const { body, comment } = splitComment(line);
    const m = /^(\S+)(.*)$/.exec(body.trimEnd());
    const dateText = m?.[1] ?? '';
    if (dateText.includes('=')) this.fail(n, 'secondary dates are not supported');
    const date = parseDate(dateText);
    if (!date) this.fail(n, `invalid date "${dateText}" (expected a real date as YYYY-MM-DD or YYYY/MM/DD)`);
    let rest = m?.[2] ?? '';
    if (rest.length > 0 && !/^[ \t]/.test(rest)) this.fail(n, `invalid date "${dateText}${rest.split(/\s/)[0]}"`);
    rest = rest.trim();
    let status: Status = '';
    if (rest[0] === '*' || rest[0] === '!') {
      status = rest[0];
      rest = rest.slice(1).trim();
    }
    let code = '';
    if (rest[0] === '(') {
      const close = rest.indexOf(')');
      if (close < 0) this.fail(n, 'unterminated transaction code "("');
      code = rest.slice(1, close).trim();
      rest = rest.slice(close + 1).trim();
    }
    this.current = { line: n, date, status, code, description: rest, comment: comment ?? '', postings: [] };
  }

  private indented(text: string, n: number): void {
    const tx = this.current;
    if (text[0] === ';' || text[0] === '#') {
      const comment = text.slice(1).trim();
      if (tx) {
        const last = tx.postings[tx.postings.length - 1];
        if (last) last.comment = appendComment(last.comment, comment);
        else tx.comment = appendComment(tx.comment || undefined, comment);
      } else if (this.context.kind === 'account') {
        const decl = this.context.decl;
        decl.comment = appendComment(decl.comment || undefined, comment);
        decl.typeTag ??= typeTagOf(comment);
      }
      return;
    }
    if (!tx) this.fail(n, 'unexpected indented line (postings must follow a transaction header; subdirectives are not supported)');
    tx.postings.push(this.posting(text, n));
  }

  private posting(text: string, n: number): Posting {
    const { body, comment } = splitComment(text);
    let rest = body;
    let status: Status = '';
    if (rest[0] === '*' || rest[0] === '!') {
      status = rest[0];
      rest = rest.slice(1).trimStart();
    }
    const { account, rest: amountText } = splitAccount(rest);
    if (account === '') this.fail(n, 'posting has no account name');
    if (account.includes('\t'))
      this.fail(
        n,
        `a single tab does not separate an account from its amount (hledger reads it as part of the name): "${account}"; use two spaces`,
      );
    if (/^[([]/.test(account)) this.fail(n, `virtual postings are not supported: "${account}"`);
    const posting: Posting = { line: n, status, account, amount: null };
    if (comment !== undefined) posting.comment = comment;
    let valueText = amountText.trim();
    const eq = indexOutsideQuotes(valueText, '=');
    if (eq >= 0) {
      const assertionText = valueText.slice(eq + 1);
      if (/^[=*]/.test(assertionText)) this.fail(n, 'only single-commodity balance assertions "= AMOUNT" are supported');
      posting.assertion = this.amount(assertionText, n, 'invalid balance assertion');
      valueText = valueText.slice(0, eq).trim();
      if (valueText === '') this.fail(n, 'balance assignments (an assertion without an amount) are not supported');
    }
    const at = indexOutsideQuotes(valueText, '@');
    if (at >= 0) {
      const kind = valueText[at + 1] === '@' ? '@@' : '@';
      const price = this.amount(valueText.slice(at + kind.length), n, 'invalid price');
      if (price.quantity < 0n) this.fail(n, 'a price must not be negative');
      valueText = valueText.slice(0, at).trim();
      if (valueText === '') this.fail(n, 'a price needs an amount before it');
      posting.cost = { kind, amount: price };
    }
    if (valueText !== '') {
      posting.amount = this.amount(valueText, n, 'invalid amount');
      if (posting.cost && posting.cost.amount.commodity === posting.amount.commodity) {
        this.fail(n, `a price must be in another commodity than the amount (${posting.amount.commodity || 'no commodity'})`);
      }
    }
    return posting;
  }

  private directive(line: string, n: number, out: JournalItem[]): void {
    const { body, comment } = splitComment(line);
    const m = /^(\S+)\s*(.*)$/.exec(body.trimEnd());
    const word = m?.[1] ?? '';
    const arg = (m?.[2] ?? '').trim();
    if (word === 'account') {
      const { account } = splitAccount(arg);
      if (account === '') this.fail(n, 'account directive without an account name');
      const decl: AccountDeclaration = { line: n, account, comment: comment ?? '' };
      const tag = comment === undefined ? undefined : typeTagOf(comment);
      if (tag) decl.typeTag = tag;
      this.context = { kind: 'account', decl };
      out.push({ kind: 'account', account: decl });
      return;
    }
    if (word === 'commodity') {
      if (arg === '') this.fail(n, 'commodity directive without a commodity');
      const decl = this.commodityDirective(arg, n);
      out.push({ kind: 'commodity', commodity: decl });
      return;
    }
    if (word === 'P') {
      const p = /^(\S+)\s+("[^"]*"|[^\s"]+)\s+(.+)$/.exec(arg);
      if (!p) this.fail(n, 'invalid P directive (expected "P DATE COMMODITY PRICE")');
      const date = parseDate(p[1] as string);
      if (!date) this.fail(n, `invalid date "${p[1]}" in P directive`);
      const commodity = (p[2] as string).replace(/^"(.*)"$/, '$1');
      out.push({ kind: 'price', price: { line: n, date, commodity, price: this.amount(p[3] as string, n, 'invalid price') } });
      return;
    }
    if (UNSUPPORTED_DIRECTIVES.has(word) || word.startsWith('~') || word.startsWith('=')) this.fail(n, `unsupported directive "${word}"`);
    this.fail(n, `cannot parse this line: "${line.length > 60 ? `${line.slice(0, 60)}…` : line}"`);
  }

  private commodityDirective(arg: string, n: number): CommodityDeclaration {
    if (!/[0-9]/.test(arg)) {
      const commodity = arg.replace(/^"(.*)"$/, '$1');
      if (/\s/.test(commodity) && !arg.startsWith('"')) this.fail(n, `invalid commodity directive "${arg}"`);
      return { line: n, commodity };
    }
    // A sample amount: in a directive, a lone separator is always the decimal mark.
    let sample: Amount;
    try {
      sample = parseAmount(arg);
    } catch (e) {
      if (e instanceof AmountSyntaxError) this.fail(n, `invalid commodity directive: ${e.message}`);
      throw e;
    }
    const seps = arg.replace(/"[^"]*"/g, '').replace(/[^.,]/g, '');
    const decl: CommodityDeclaration = { line: n, commodity: sample.commodity };
    const mark = seps[seps.length - 1] as DecimalMark | undefined;
    if (mark && (seps.length === 1 || new Set(seps).size === 2)) decl.decimalMark = mark;
    if (decl.decimalMark) this.marks.set(sample.commodity, decl.decimalMark);
    return decl;
  }

  private flush(out: JournalItem[]): void {
    const tx = this.current;
    if (!tx) return;
    this.current = null;
    this.balance(tx);
    this.checkAssertions(tx);
    out.push({ kind: 'transaction', transaction: tx });
  }

  /** Infers the omitted amount, if any, and checks that the transaction balances exactly (at cost). */
  private balance(tx: Transaction): void {
    const sums = new Map<string, Amount>();
    let missing: Posting | null = null;
    for (const p of tx.postings) {
      if (!p.amount) {
        if (missing) this.fail(p.line, `only one posting per transaction may omit its amount (another one does on line ${missing.line})`);
        missing = p;
        continue;
      }
      const value = p.cost
        ? p.cost.kind === '@'
          ? multiplyByPrice(p.amount, p.cost.amount)
          : totalPriceCost(p.amount, p.cost.amount)
        : p.amount;
      const prev = sums.get(value.commodity);
      sums.set(value.commodity, prev ? addAmounts(prev, value) : value);
    }
    const nonZero = [...sums.values()].filter((a) => !isZero(a));
    if (missing) {
      if (nonZero.length > 1) {
        this.fail(
          missing.line,
          `cannot infer the omitted amount: the other postings leave several commodities unbalanced (${nonZero.map(formatAmount).join(', ')})`,
        );
      }
      missing.amount = nonZero[0] ? negateAmount(nonZero[0]) : { quantity: 0n, scale: 0, commodity: '' };
      missing.inferred = true;
      return;
    }
    if (nonZero.length > 0) this.fail(tx.line, `unbalanced transaction: postings sum to ${nonZero.map(formatAmount).join(', ')}`);
  }

  /** Balance assertions, in file order, on the account's own balance in the assertion's commodity. */
  private checkAssertions(tx: Transaction): void {
    for (const p of tx.postings) {
      const amount = p.amount as Amount;
      let perCommodity = this.balances.get(p.account);
      if (!perCommodity) {
        perCommodity = new Map();
        this.balances.set(p.account, perCommodity);
      }
      if (amount.quantity !== 0n) {
        const running = perCommodity.get(amount.commodity);
        if (!running) perCommodity.set(amount.commodity, { quantity: amount.quantity, scale: amount.scale });
        else if (running.scale >= amount.scale) running.quantity += amount.quantity * 10n ** BigInt(running.scale - amount.scale);
        else {
          running.quantity = running.quantity * 10n ** BigInt(amount.scale - running.scale) + amount.quantity;
          running.scale = amount.scale;
        }
      }
      if (p.assertion) {
        const running = perCommodity.get(p.assertion.commodity);
        const actual: Amount = { quantity: running?.quantity ?? 0n, scale: running?.scale ?? 0, commodity: p.assertion.commodity };
        if (!amountsEqual(actual, p.assertion)) {
          this.fail(
            p.line,
            `balance assertion failed: ${p.account} is ${formatAmount(actual)}, the assertion says ${formatAmount(p.assertion)}`,
          );
        }
      }
    }
  }
}

/** The value of a `type:` tag in a comment (`; type: A`, `; note, type:Asset`), if any. */
export function typeTagOf(comment: string): string | undefined {
  const m = /(?:^|[\s,])type:\s*([^,\s]*)/.exec(comment);
  return m?.[1] || undefined;
}

function collect(journal: Journal, item: JournalItem): void {
  if (item.kind === 'transaction') journal.transactions.push(item.transaction);
  else if (item.kind === 'account') journal.accounts.push(item.account);
  else if (item.kind === 'commodity') journal.commodities.push(item.commodity);
  else journal.prices.push(item.price);
}

/** Parses a whole journal; throws a {@link JournalError} (`file:line: message`) on the first problem. */
export function parseJournal(text: string, fileName: string): Journal {
  const parser = new JournalParser(fileName);
  const journal: Journal = { fileName, transactions: [], accounts: [], commodities: [], prices: [] };
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const items: JournalItem[] = [];
  for (const line of lines) parser.push(line, items);
  parser.end(items);
  for (const item of items) collect(journal, item);
  return journal;
}

/**
 * Streams a journal: yields each directive and each balanced transaction once the chunk (of the readable) that
 * completes it has been read, holding only that chunk's items, the current transaction and the assertion
 * balances (one per account × commodity) in memory. Throws a {@link JournalError} on the
 * first problem — a consumer that must be all-or-nothing (the importer) discards what it received before.
 */
export async function* parseJournalStream(readable: Readable, fileName: string): AsyncGenerator<JournalItem> {
  const parser = new JournalParser(fileName);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of readable) {
    const text = rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer));
    const items: JournalItem[] = [];
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      parser.push(text.slice(start, nl), items);
      start = nl + 1;
    }
    rest = text.slice(start);
    yield* items;
  }
  rest += decoder.end();
  const items: JournalItem[] = [];
  if (rest !== '') parser.push(rest, items);
  yield* parser.end(items);
}
