import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { appendAudit } from '../../../platform/audit/append.ts';
import type { ServiceContext } from '../../../platform/context.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { currency } from '../../../platform/http/schemas.ts';
import { loadBooks } from '../entry-lines.ts';
import { formatRate, rate, toValueUnits } from '../money.ts';
import { writeRate } from './exchange-rates.ts';

/** The columns of a rates CSV; `quote` may be left out (the base currency). Export writes them in this order. */
export const RATES_CSV_COLUMNS = ['date', 'currency', 'rate', 'quote'] as const;
type Column = (typeof RATES_CSV_COLUMNS)[number];
const MAX_ERRORS = 100;

export const importRatesCsvInput = z.strictObject({ csv: z.string().min(1).max(5_000_000) });
export const importRatesCsvResult = z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() });
export type ImportRatesCsvResult = z.infer<typeof importRatesCsvResult>;

export const exportRatesQuery = z.strictObject({ currency: z.string().min(1).max(40).optional() });

const cellRules: Record<Column, z.ZodType<string>> = {
  date: z.iso.date(),
  currency,
  rate,
  quote: currency,
};

interface CsvRate {
  line: number;
  date: string;
  currency: string;
  rate: string;
  quote: string;
}

function refuse(errors: FieldError[]): never {
  const lineOf = (e: FieldError) => Number(/^line (\d+)/.exec(e.path)?.[1] ?? 0);
  const shown = [...errors].sort((x, y) => lineOf(x) - lineOf(y)).slice(0, MAX_ERRORS);
  if (errors.length > MAX_ERRORS) shown.push({ path: 'csv', message: `and ${errors.length - MAX_ERRORS} more errors` });
  throw new AppError(
    'VALIDATION_FAILED',
    `The CSV has ${errors.length} error${errors.length === 1 ? '' : 's'}; nothing was imported`,
    shown,
  );
}

/** Parses and checks every row; throws with every error (each naming `line N: column`) before anything is written. */
export function parseRatesCsv(csvText: string, baseCurrency: string): CsvRate[] {
  const errors: FieldError[] = [];
  const add = (line: number, column: string, message: string) => errors.push({ path: `line ${line}: ${column}`, message });
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // Line endings are made "\n" so csv-parse counts lines the same way for every file.
    records = parse(csvText.replace(/\r\n?/g, '\n'), {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as typeof records;
  } catch (err) {
    if (err instanceof CsvError) {
      add((err as CsvError & { lines?: number }).lines ?? 1, 'csv', err.message);
      refuse(errors);
    }
    throw err;
  }
  const [head, ...body] = records;
  if (!head) {
    add(1, 'csv', `must start with a header row: ${RATES_CSV_COLUMNS.join(',')}`);
    refuse(errors);
  }
  const header = head.record.map((h) => h.trim().toLowerCase());
  const index = new Map<Column, number>();
  header.forEach((name, i) => {
    if (!(RATES_CSV_COLUMNS as readonly string[]).includes(name)) add(head.info.lines, name || `column ${i + 1}`, 'is not a known column');
    else if (index.has(name as Column)) add(head.info.lines, name, 'appears twice');
    else index.set(name as Column, i);
  });
  for (const column of RATES_CSV_COLUMNS) {
    if (column !== 'quote' && !index.has(column)) add(head.info.lines, column, 'is missing from the header');
  }
  if (errors.length > 0) refuse(errors);

  const rows: CsvRate[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of body) {
    const line = info.lines;
    if (record.length !== header.length) {
      add(line, 'csv', `has ${record.length} fields, the header has ${header.length}`);
      continue;
    }
    const cell = (column: Column): string | undefined => {
      const at = index.get(column);
      const raw = at === undefined ? '' : (record[at] ?? '').trim();
      if (column === 'quote' && raw === '') return baseCurrency;
      const parsed = cellRules[column].safeParse(raw);
      if (parsed.success) return parsed.data;
      for (const issue of parsed.error.issues) add(line, column, issue.message);
      return undefined;
    };
    const row = { date: cell('date'), currency: cell('currency'), rate: cell('rate'), quote: cell('quote') };
    if (row.date === undefined || row.currency === undefined || row.rate === undefined || row.quote === undefined) continue;
    if (row.currency === row.quote) {
      add(line, 'quote', `must differ from the currency ${row.currency}`);
      continue;
    }
    const key = `${row.currency}/${row.quote}/${row.date}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      add(line, 'date', `repeats the ${row.currency}/${row.quote} rate of ${row.date} given on line ${earlier}`);
      continue;
    }
    seen.set(key, line);
    rows.push({ line, date: row.date, currency: row.currency, rate: row.rate, quote: row.quote });
  }
  if (errors.length > 0) refuse(errors);
  return rows;
}

/**
 * Imports a rates CSV all or nothing: a row replaces the rate of its pair and date (a row equal to the stored
 * rate is left alone). One audit event records the import.
 */
export async function importRatesCsv(ctx: ServiceContext, csvText: string): Promise<ImportRatesCsvResult> {
  return ctx.db.tenant(ctx.companyId, async (tx) => {
    const books = await loadBooks(tx, ctx.companyId, ctx.actor);
    const rows = parseRatesCsv(csvText, books.baseCurrency);
    const result = { created: 0, updated: 0, unchanged: 0 };
    for (const row of rows) {
      const key = { currency: row.currency, quote: row.quote, date: row.date };
      const existing = await tx.query<{ rate: string }>(
        'SELECT rate::text AS rate FROM exchange_rates WHERE company_id = $1 AND commodity = $2 AND quote = $3 AND date = $4::date',
        [ctx.companyId, key.currency, key.quote, key.date],
      );
      const stored = existing[0];
      if (stored && toValueUnits(stored.rate) === toValueUnits(row.rate)) {
        result.unchanged++;
        continue;
      }
      await writeRate(tx, ctx, key, row.rate, 'csv');
      if (stored) result.updated++;
      else result.created++;
    }
    await appendAudit(tx, ctx.companyId, ctx.actor, {
      action: 'ledger.fx_rates.imported',
      entityType: 'exchange_rate',
      entityId: 'csv',
      after: { ...result, rows: rows.length },
    });
    return result;
  });
}

/** Rates as CSV (the import's columns), oldest first, optionally of one currency. */
export async function exportRatesCsv(ctx: ServiceContext, query: z.output<typeof exportRatesQuery>): Promise<string> {
  const rows = await ctx.db.tenant(ctx.companyId, (tx) =>
    tx.query<{ date: string; commodity: string; rate: string; quote: string }>(
      `SELECT date::text AS date, commodity, rate::text AS rate, quote FROM exchange_rates
        WHERE company_id = $1 AND ($2::text IS NULL OR commodity = $2 OR quote = $2)
        ORDER BY date, commodity COLLATE "C", quote COLLATE "C"`,
      [ctx.companyId, query.currency ?? null],
    ),
  );
  return stringify(
    rows.map((r) => [r.date, r.commodity, formatRate(r.rate), r.quote]),
    { header: true, columns: [...RATES_CSV_COLUMNS] },
  );
}
