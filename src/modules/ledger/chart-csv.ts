import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { appendAudit } from '../../platform/audit/append.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { PgCode, pgErrorCode } from '../../platform/db/database.ts';
import { AppError, type FieldError } from '../../platform/errors.ts';
import { text } from '../../platform/http/schemas.ts';
import { newId } from '../../platform/ids.ts';
import { ACCOUNT_TYPES, type AccountType } from './account-model.ts';
import { accountCode, createAccountInput } from './create-account.ts';

/** The columns of a chart-of-accounts CSV, in order; `archived` may be left out of an imported file. */
export const CHART_CSV_COLUMNS = ['code', 'name', 'name_es', 'type', 'subtype', 'parent_code', 'archived'] as const;
type Column = (typeof CHART_CSV_COLUMNS)[number];
const OPTIONAL_COLUMNS: readonly Column[] = ['archived'];
/** At most this many line errors are reported; the rest are summed up in one more. */
const MAX_ERRORS = 100;

export const importChartCsvInput = z.strictObject({ csv: z.string().min(1).max(1_000_000) });
export const importChartCsvResult = z.object({ created: z.number().int(), unchanged: z.number().int() });
export type ImportChartCsvResult = z.infer<typeof importChartCsvResult>;

/** The chart as CSV: every account, archived ones too, in code order, parents named by code. */
export async function exportChartCsv(ctx: ServiceContext): Promise<string> {
  const rows = await ctx.db.tenant(ctx.companyId, (tx) =>
    tx.query<{
      code: string;
      name: string;
      name_es: string | null;
      type: string;
      subtype: string | null;
      parent_code: string | null;
      archived: boolean;
    }>(
      `SELECT c.code, c.name, c.name_es, c.type, c.subtype, p.code AS parent_code, c.archived_at IS NOT NULL AS archived
         FROM accounts c LEFT JOIN accounts p ON p.company_id = c.company_id AND p.id = c.parent_id
        WHERE c.company_id = $1
        ORDER BY c.code COLLATE "C"`,
      [ctx.companyId],
    ),
  );
  return stringify(
    rows.map((r) => [r.code, r.name, r.name_es ?? '', r.type, r.subtype ?? '', r.parent_code ?? '', r.archived ? 'true' : 'false']),
    { header: true, columns: [...CHART_CSV_COLUMNS] },
  );
}

// The field rules of createAccount, one column at a time so each error names its column.
const shape = createAccountInput.shape;
const fieldRules: Record<Exclude<Column, 'parent_code' | 'archived'>, z.ZodType> = {
  code: accountCode,
  name: shape.name,
  name_es: text(200).optional(),
  type: z.enum(ACCOUNT_TYPES, { error: `must be one of ${ACCOUNT_TYPES.join(', ')}` }),
  subtype: shape.subtype,
};

interface ImportRow {
  line: number;
  code: string;
  name: string;
  nameEs: string | null;
  type: AccountType;
  subtype: string | null;
  parentCode: string | null;
  archived: boolean;
}

class LineErrors {
  readonly list: FieldError[] = [];
  add(line: number, column: string, message: string): void {
    this.list.push({ path: `line ${line}: ${column}`, message });
  }
  throwIfAny(): void {
    if (this.list.length === 0) return;
    const lineOf = (e: FieldError) => Number(/^line (\d+)/.exec(e.path)?.[1] ?? 0);
    const shown = [...this.list].sort((x, y) => lineOf(x) - lineOf(y)).slice(0, MAX_ERRORS);
    if (this.list.length > MAX_ERRORS) shown.push({ path: 'csv', message: `and ${this.list.length - MAX_ERRORS} more errors` });
    throw new AppError(
      'VALIDATION_FAILED',
      `The CSV has ${this.list.length} error${this.list.length === 1 ? '' : 's'}; nothing was imported`,
      shown,
    );
  }
}

/** Parses and checks each row on its own (columns, field rules, duplicate codes); cross-row checks come later. */
function parseRows(csvText: string, errors: LineErrors): ImportRow[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // Line endings are made "\n" so csv-parse counts lines the same way for every file.
    const normalized = csvText.replace(/\r\n?/g, '\n');
    records = parse(normalized, { bom: true, info: true, skip_empty_lines: true, relax_column_count: true }) as unknown as typeof records;
  } catch (err) {
    if (err instanceof CsvError) {
      errors.add((err as CsvError & { lines?: number }).lines ?? 1, 'csv', err.message);
      errors.throwIfAny();
    }
    throw err;
  }
  const [head, ...body] = records;
  if (!head) {
    errors.add(1, 'csv', `must start with a header row: ${CHART_CSV_COLUMNS.join(',')}`);
    errors.throwIfAny();
    return [];
  }
  const headerLine = head.info.lines;
  const header = head.record.map((h) => h.trim().toLowerCase());
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    if (!(CHART_CSV_COLUMNS as readonly string[]).includes(name))
      errors.add(headerLine, name || `column ${i + 1}`, 'is not a known column');
    else if (index.has(name)) errors.add(headerLine, name, 'appears twice');
    else index.set(name, i);
  });
  for (const column of CHART_CSV_COLUMNS) {
    if (!index.has(column) && !OPTIONAL_COLUMNS.includes(column)) errors.add(headerLine, column, 'is missing from the header');
  }
  errors.throwIfAny();

  const rows: ImportRow[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of body) {
    // csv-parse counts the line a record ends on; a quoted field may span lines, so count back to its first.
    const line = info.lines - record.reduce((n, field) => n + field.split('\n').length - 1, 0);
    if (record.length !== header.length) {
      errors.add(line, 'csv', `has ${record.length} fields, the header has ${header.length}`);
      continue;
    }
    const cell = (column: Column) => {
      const at = index.get(column);
      return at === undefined ? '' : (record[at] ?? '');
    };
    const value = (column: keyof typeof fieldRules, optional: boolean): unknown => {
      const raw = cell(column);
      const result = fieldRules[column].safeParse(optional && raw.trim() === '' ? undefined : raw);
      if (!result.success) {
        for (const issue of result.error.issues) errors.add(line, column, issue.message);
        return undefined;
      }
      return result.data;
    };
    const code = value('code', false) as string | undefined;
    const name = value('name', false) as string | undefined;
    const nameEs = value('name_es', true) as string | undefined;
    const type = value('type', false) as AccountType | undefined;
    const subtype = value('subtype', true) as string | undefined;
    const parentRaw = cell('parent_code').trim();
    let parentCode: string | null = null;
    if (parentRaw !== '') {
      const parsed = accountCode.safeParse(parentRaw);
      if (parsed.success) parentCode = parsed.data;
      else for (const issue of parsed.error.issues) errors.add(line, 'parent_code', issue.message);
    }
    const archivedRaw = cell('archived').trim().toLowerCase();
    const archived = archivedRaw === 'true';
    if (!['', 'true', 'false'].includes(archivedRaw)) errors.add(line, 'archived', 'must be true or false');
    if (code !== undefined) {
      const earlier = seen.get(code);
      if (earlier !== undefined) errors.add(line, 'code', `repeats the code of line ${earlier}`);
      else seen.set(code, line);
      if (parentCode === code) errors.add(line, 'parent_code', 'must not be the account itself');
    }
    if (code === undefined || name === undefined || type === undefined) continue;
    rows.push({ line, code, name, nameEs: nameEs ?? null, type, subtype: subtype ?? null, parentCode, archived });
  }
  return rows;
}

/**
 * Imports a chart-of-accounts CSV (the format of `exportChartCsv`) all or nothing: accounts whose code is
 * already in the chart with the same type are left as they are ("unchanged"); every other row is created,
 * parents before children. Any error refuses the whole file, each error naming its CSV line and column.
 */
export async function importChartCsv(ctx: ServiceContext, csvText: string): Promise<ImportChartCsvResult> {
  const errors = new LineErrors();
  const rows = parseRows(csvText, errors);
  try {
    return await ctx.db.tenant(ctx.companyId, async (tx) => {
      const existing = new Map(
        (
          await tx.query<{ id: string; code: string; type: AccountType }>('SELECT id, code, type FROM accounts WHERE company_id = $1', [
            ctx.companyId,
          ])
        ).map((r) => [r.code, r]),
      );
      const inFile = new Map(rows.map((r) => [r.code, r]));
      const fresh: ImportRow[] = [];
      let unchanged = 0;
      for (const row of rows) {
        const known = existing.get(row.code);
        if (known && known.type !== row.type) {
          errors.add(row.line, 'type', `must be ${known.type}, the type of the existing account ${row.code}`);
        } else if (known) {
          unchanged++;
        } else {
          fresh.push(row);
        }
        if (row.parentCode) {
          const parentType = existing.get(row.parentCode)?.type ?? inFile.get(row.parentCode)?.type;
          if (!parentType) errors.add(row.line, 'parent_code', `is not an account of the file or of the chart: ${row.parentCode}`);
          else if (parentType !== row.type) errors.add(row.line, 'parent_code', `must be an account of type ${row.type}`);
        }
      }
      // Depth of each new account below the existing chart, so parents are inserted before children.
      const depth = new Map<string, number>();
      const depthOf = (row: ImportRow, path: Set<string>): number => {
        const known = depth.get(row.code);
        if (known !== undefined) return known;
        const parent = row.parentCode && !existing.has(row.parentCode) ? inFile.get(row.parentCode) : undefined;
        if (!parent) return 0;
        if (path.has(parent.code)) {
          errors.add(row.line, 'parent_code', `forms a cycle through ${parent.code}`);
          return 0;
        }
        path.add(row.code);
        const d = depthOf(parent, path) + 1;
        depth.set(row.code, d);
        return d;
      };
      for (const row of fresh) depth.set(row.code, depthOf(row, new Set([row.code])));
      errors.throwIfAny();

      const ids = new Map<string, string>([...existing.values()].map((r) => [r.code, r.id]));
      for (const row of fresh) ids.set(row.code, newId());
      const levels = [...new Set(depth.values())].sort((x, y) => x - y);
      for (const level of levels) {
        const batch = fresh.filter((r) => depth.get(r.code) === level);
        await tx.query(
          `INSERT INTO accounts (company_id, id, code, name, name_es, type, subtype, parent_id, archived_at)
           SELECT $1, u.id, u.code, u.name, u.name_es, u.type, u.subtype, u.parent_id, CASE WHEN u.archived THEN now() END
             FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::uuid[], $9::boolean[])
               AS u (id, code, name, name_es, type, subtype, parent_id, archived)`,
          [
            ctx.companyId,
            batch.map((r) => ids.get(r.code)),
            batch.map((r) => r.code),
            batch.map((r) => r.name),
            batch.map((r) => r.nameEs),
            batch.map((r) => r.type),
            batch.map((r) => r.subtype),
            batch.map((r) => (r.parentCode ? ids.get(r.parentCode) : null)),
            batch.map((r) => r.archived),
          ],
        );
      }
      const result = { created: fresh.length, unchanged };
      await appendAudit(tx, ctx.companyId, ctx.actor, {
        action: 'ledger.chart.imported',
        entityType: 'ledger_chart',
        entityId: 'csv',
        after: result,
      });
      return result;
    });
  } catch (err) {
    if (pgErrorCode(err) === PgCode.uniqueViolation) {
      throw new AppError('VALIDATION_FAILED', 'The chart changed while importing; nothing was imported', [
        { path: 'csv', message: 'try the import again' },
      ]);
    }
    throw err;
  }
}
