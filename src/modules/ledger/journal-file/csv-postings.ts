import type { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { JournalError, type JournalItem, JournalParser } from '../plain-text/parse-journal.ts';

const REQUIRED = ['date', 'description', 'account', 'amount'] as const;
const OPTIONAL = ['txn', 'code', 'comment'] as const;
type Column = (typeof REQUIRED)[number] | (typeof OPTIONAL)[number];

/**
 * Reads a CSV of postings, one row per posting:
 *   `date,description,account,amount[,code][,txn][,comment]`
 * Consecutive rows with the same `txn` (or, without that column, the same date, code and description) form one
 * transaction. `amount` is written as in a journal (`10.00 EUR`, `$-5`, `3 ACME @ $50`; empty on one row to
 * let it balance the others). Each transaction goes through the journal parser, so a CSV obeys exactly the
 * journal's rules (balance, inference, prices); errors name the CSV line.
 */
export async function* parseCsvPostings(readable: Readable, fileName: string): AsyncGenerator<JournalItem> {
  const parser = new JournalParser(fileName);
  /** Journal line numbers fed to the parser for the current transaction → the CSV line each came from. */
  let csvLineOf = new Map<number, number>();
  let fed = 0;
  let groupKey: string | null = null;
  let columns: Map<Column, number> | null = null;

  const feed = (text: string, csvLine: number, out: JournalItem[]) => {
    fed += 1;
    csvLineOf.set(fed, csvLine);
    try {
      parser.push(text, out);
    } catch (e) {
      if (e instanceof JournalError) throw new JournalError(fileName, csvLineOf.get(e.line) ?? csvLine, e.reason);
      throw e;
    }
  };
  const endGroup = (csvLine: number, out: JournalItem[]) => {
    if (groupKey === null) return;
    feed('', csvLine, out);
    groupKey = null;
    csvLineOf = new Map();
  };

  const records = readable.pipe(parse({ bom: true, info: true, skip_empty_lines: true, relax_column_count: true }));
  let lastLine = 0;
  try {
    for await (const { record, info } of records as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const line = info.lines;
      lastLine = line;
      if (!columns) {
        columns = headerColumns(record, fileName, line);
        continue;
      }
      const field = (name: Column) => {
        const i = columns?.get(name);
        const value = i === undefined ? '' : (record[i] ?? '').trim();
        if (/[\r\n]/.test(value)) throw new JournalError(fileName, line, `column ${name} must be on one line`);
        return value;
      };
      const date = field('date');
      const code = field('code');
      const description = field('description');
      const account = field('account');
      if (!date) throw new JournalError(fileName, line, 'column date is empty');
      if (!account) throw new JournalError(fileName, line, 'column account is empty');
      const key = columns.has('txn') ? field('txn') : `${date}\u0000${code}\u0000${description}`;
      const out: JournalItem[] = [];
      if (key !== groupKey) {
        endGroup(line, out);
        groupKey = key;
        const comment = field('comment');
        feed(`${date}${code ? ` (${code})` : ''}${description ? ` ${description}` : ''}${comment ? `  ; ${comment}` : ''}`, line, out);
      }
      const amount = field('amount');
      feed(`    ${account}${amount ? `  ${amount}` : ''}`, line, out);
      yield* out;
    }
  } catch (e) {
    if (e instanceof CsvError) throw new JournalError(fileName, lastLine + 1, `malformed CSV: ${e.message}`);
    throw e;
  }
  if (!columns) throw new JournalError(fileName, 1, `the file is empty: expected a header ${REQUIRED.join(',')}`);
  const out: JournalItem[] = [];
  endGroup(lastLine, out);
  yield* out;
}

function headerColumns(record: string[], fileName: string, line: number): Map<Column, number> {
  const known = new Set<string>([...REQUIRED, ...OPTIONAL]);
  const columns = new Map<Column, number>();
  record.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    if (!known.has(name)) {
      throw new JournalError(
        fileName,
        line,
        `unknown column "${raw}" (expected ${REQUIRED.join(', ')} and optionally ${OPTIONAL.join(', ')})`,
      );
    }
    if (columns.has(name as Column)) throw new JournalError(fileName, line, `column ${name} appears twice`);
    columns.set(name as Column, i);
  });
  const missing = REQUIRED.filter((c) => !columns.has(c));
  if (missing.length > 0) throw new JournalError(fileName, line, `missing column(s) ${missing.join(', ')}`);
  return columns;
}
