import { formatAmount } from './amount.ts';
import type { Posting, Transaction } from './parse-journal.ts';

export interface WriteOptions {
  /** Write balance assertions (default true). They hold in file order, as parseJournal checked them. */
  assertions?: boolean;
}

function checkText(what: string, value: string, forbidden: RegExp): void {
  if (forbidden.test(value)) throw new RangeError(`${what} ${JSON.stringify(value)} cannot be written in a journal`);
}

function commentLines(comment: string | undefined, indent: string): string[] {
  if (!comment) return [];
  return comment.split('\n').map((c) => `${indent}; ${c}`);
}

function postingLine(p: Posting, options: WriteOptions): string {
  if (!p.amount) throw new RangeError(`posting on line ${p.line} has no amount`);
  checkText('account name', p.account, /^[\s([*!]|\s$| {2}|[\t\r\n;]/);
  let line = `    ${p.status ? `${p.status} ` : ''}${p.account}  ${formatAmount(p.amount)}`;
  if (p.cost) line += ` ${p.cost.kind} ${formatAmount(p.cost.amount)}`;
  if (p.assertion && options.assertions !== false) line += ` = ${formatAmount(p.assertion)}`;
  return line;
}

/**
 * Writes transactions as an hledger journal: every posting with an explicit amount (inferred ones included),
 * prices kept, numbers with `.` as decimal mark and no digit groups, no directives — so hledger reads back
 * exactly the same amounts and balances. Multi-line comments become indented comment lines.
 */
export function writeJournal(transactions: Iterable<Transaction>, options: WriteOptions = {}): string {
  const out: string[] = [];
  for (const tx of transactions) {
    checkText('transaction description', tx.description, /[;\r\n]/);
    checkText('transaction code', tx.code, /[)\r\n]/);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(tx.date)) throw new RangeError(`invalid date ${JSON.stringify(tx.date)}`);
    let header = tx.date;
    if (tx.status) header += ` ${tx.status}`;
    // An empty code `()` keeps a description that starts with `(`, `*` or `!` from being read as a code or status.
    if (tx.code || /^[(*!]/.test(tx.description)) header += ` (${tx.code})`;
    if (tx.description) header += ` ${tx.description}`;
    out.push(header);
    out.push(...commentLines(tx.comment, '    '));
    for (const p of tx.postings) {
      out.push(postingLine(p, options));
      out.push(...commentLines(p.comment, '      '));
    }
    out.push('');
  }
  return out.join('\n');
}
