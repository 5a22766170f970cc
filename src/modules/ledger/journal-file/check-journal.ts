import { fiscalYearOf } from '../entry-lines.ts';
import { type AccountDeclaration, JournalError, type Transaction } from '../plain-text/parse-journal.ts';
import type { JournalSource } from './journal-source.ts';
import { type LineValues, magnitude, normalize, postingLine } from './posting-line.ts';

/** A `P` directive as an exchange rate row. */
export interface PriceRow {
  date: string;
  commodity: string;
  quote: string;
  rate: string;
}

/** What the first, read-only pass learns about a file before anything is written. */
export interface JournalSurvey {
  /** Every account posted to or declared, with the line where it first appears. */
  accounts: Map<string, number>;
  /** The accounts that postings use (the others are only declared). */
  posted: Set<string>;
  declarations: AccountDeclaration[];
  /** Market prices, the last one per commodity, quote and date winning (as in the file). */
  prices: Map<string, PriceRow>;
  /** Entries to number per fiscal year. */
  entriesPerYear: Map<number, number>;
  transactions: number;
  /** Transactions whose postings are all zero: they change no balance and make no entry. */
  skipped: number;
  lines: number;
  firstDate: string | null;
  lastDate: string | null;
}

export interface SurveyRules {
  lockDate: string | null;
  fiscalYearStartMonth: number;
}

const MAX_ACCOUNT = 200;
const MAX_MEMO = 500;
const MAX_REFERENCE = 100;

/** The ledger lines of a transaction (zero postings left out), with its checks against the ledger's limits. */
export function transactionLines(fileName: string, tx: Transaction): LineValues[] {
  const lines: LineValues[] = [];
  for (const p of tx.postings) {
    if (p.account.length > MAX_ACCOUNT) throw new JournalError(fileName, p.line, `account name longer than ${MAX_ACCOUNT} characters`);
    const line = postingLine(fileName, p);
    if (line) lines.push(line);
  }
  return lines;
}

/**
 * Reads the whole file once, checking everything the database would refuse (syntax, balance, assertions,
 * lock date, sizes), so that an import either writes every transaction or nothing.
 */
export async function surveyJournal(source: JournalSource, rules: SurveyRules, onBytes?: (bytes: number) => void): Promise<JournalSurvey> {
  const survey: JournalSurvey = {
    accounts: new Map(),
    posted: new Set(),
    declarations: [],
    prices: new Map(),
    entriesPerYear: new Map(),
    transactions: 0,
    skipped: 0,
    lines: 0,
    firstDate: null,
    lastDate: null,
  };
  const fail = (line: number, reason: string): never => {
    throw new JournalError(source.name, line, reason);
  };
  for await (const item of source.items(onBytes)) {
    if (item.kind === 'account') {
      survey.declarations.push(item.account);
      if (!survey.accounts.has(item.account.account)) survey.accounts.set(item.account.account, item.account.line);
    } else if (item.kind === 'price') {
      const { line, date, commodity } = item.price;
      const price = normalize(item.price.price);
      if (commodity === '' || price.commodity === '') fail(line, 'a market price needs a commodity and a priced-in commodity');
      if (commodity === price.commodity) fail(line, `a market price of ${commodity} in itself`);
      if (price.quantity <= 0n) fail(line, 'a market price must be greater than zero');
      if (price.scale > 10) fail(line, 'a market price may have at most 10 decimals');
      survey.prices.set(`${commodity}\u0000${price.commodity}\u0000${date}`, {
        date,
        commodity,
        quote: price.commodity,
        rate: magnitude(price),
      });
    } else if (item.kind === 'transaction') {
      const tx = item.transaction;
      survey.transactions += 1;
      if (rules.lockDate !== null && tx.date <= rules.lockDate) {
        fail(tx.line, `dated ${tx.date}, on or before the lock date ${rules.lockDate}: the books are closed there`);
      }
      if (tx.description.length > MAX_MEMO) fail(tx.line, `description longer than ${MAX_MEMO} characters`);
      if (tx.code.length > MAX_REFERENCE) fail(tx.line, `code longer than ${MAX_REFERENCE} characters`);
      for (const p of tx.postings) {
        if (!survey.accounts.has(p.account)) survey.accounts.set(p.account, p.line);
        survey.posted.add(p.account);
      }
      const lines = transactionLines(source.name, tx);
      if (lines.length === 0) {
        survey.skipped += 1;
        continue;
      }
      survey.lines += lines.length;
      const year = fiscalYearOf(tx.date, rules.fiscalYearStartMonth);
      survey.entriesPerYear.set(year, (survey.entriesPerYear.get(year) ?? 0) + 1);
      if (survey.firstDate === null || tx.date < survey.firstDate) survey.firstDate = tx.date;
      if (survey.lastDate === null || tx.date > survey.lastDate) survey.lastDate = tx.date;
    }
  }
  return survey;
}
