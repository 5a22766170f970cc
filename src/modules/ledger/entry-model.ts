import { z } from 'zod';
import type { Tx } from '../../platform/db/database.ts';
import { formatDecimal, formatRate, sumDecimals } from './money.ts';

export const ENTRY_PURPOSES = ['normal', 'opening', 'closing', 'revaluation', 'import'] as const;
export type EntryPurpose = (typeof ENTRY_PURPOSES)[number];

export const entryLineSchema = z.object({
  lineNo: z.number(),
  accountId: z.uuid(),
  accountCode: z.string(),
  accountName: z.string(),
  description: z.string().nullable(),
  debit: z.string(),
  credit: z.string(),
  /** The line's currency or commodity. */
  currency: z.string(),
  amountCurrency: z.string(),
  /** The currency debit and credit are in: the base currency, except for lines of imported journals. */
  valueCurrency: z.string(),
  rate: z.string().nullable(),
  costCenter: z.string().nullable(),
  project: z.string().nullable(),
  department: z.string().nullable(),
});

export const entrySchema = z.object({
  id: z.uuid(),
  journalCode: z.string(),
  fiscalYear: z.number(),
  number: z.number().nullable(),
  date: z.string(),
  memo: z.string().nullable(),
  reference: z.string().nullable(),
  status: z.enum(['draft', 'posted']),
  purpose: z.enum(ENTRY_PURPOSES),
  reversalOf: z.uuid().nullable(),
  reversedBy: z.uuid().nullable(),
  postedAt: z.date().nullable(),
  version: z.number(),
  totalDebit: z.string(),
  totalCredit: z.string(),
  lines: z.array(entryLineSchema),
});
export type Entry = z.infer<typeof entrySchema>;

export interface EntryRow {
  id: string;
  journal_code: string;
  fiscal_year: number;
  number: number | null;
  date: string;
  memo: string | null;
  reference: string | null;
  status: 'draft' | 'posted';
  purpose: EntryPurpose;
  reversal_of: string | null;
  reversed_by: string | null;
  posted_at: Date | null;
  version: number;
}

interface LineRow {
  entry_id: string;
  line_no: number;
  account_id: string;
  code: string;
  name: string;
  description: string | null;
  debit: string;
  credit: string;
  currency: string;
  amount_currency: string;
  value_currency: string;
  rate: string | null;
  cost_center: string | null;
  project: string | null;
  department: string | null;
}

export const SELECT_ENTRY = `SELECT e.id, j.code AS journal_code, e.fiscal_year, e.number, e.date::text AS date, e.memo, e.reference,
       e.status, e.purpose, e.reversal_of, e.posted_at, e.version,
       (SELECT r.id FROM journal_entries r WHERE r.company_id = e.company_id AND r.reversal_of = e.id) AS reversed_by
  FROM journal_entries e JOIN journals j ON j.company_id = e.company_id AND j.id = e.journal_id`;

/** Attaches the lines (one query for all the entries) and turns rows into the API's shape. */
export async function withLines(tx: Tx, companyId: string, rows: EntryRow[]): Promise<Entry[]> {
  if (rows.length === 0) return [];
  const lines = await tx.query<LineRow>(
    `SELECT l.entry_id, l.line_no, l.account_id, a.code, a.name, l.description, l.debit, l.credit, l.currency, l.amount_currency, l.rate,
            l.value_currency, l.cost_center, l.project, l.department
       FROM journal_lines l JOIN accounts a ON a.company_id = l.company_id AND a.id = l.account_id
      WHERE l.company_id = $1 AND l.entry_id = ANY ($2::uuid[]) ORDER BY l.entry_id, l.line_no`,
    [companyId, rows.map((r) => r.id)],
  );
  const byEntry = new Map<string, LineRow[]>();
  for (const line of lines) byEntry.set(line.entry_id, [...(byEntry.get(line.entry_id) ?? []), line]);
  return rows.map((r) => {
    const own = byEntry.get(r.id) ?? [];
    return {
      id: r.id,
      journalCode: r.journal_code,
      fiscalYear: r.fiscal_year,
      number: r.number,
      date: r.date,
      memo: r.memo,
      reference: r.reference,
      status: r.status,
      purpose: r.purpose,
      reversalOf: r.reversal_of,
      reversedBy: r.reversed_by,
      postedAt: r.posted_at,
      version: r.version,
      totalDebit: sumDecimals(own.map((l) => l.debit)),
      totalCredit: sumDecimals(own.map((l) => l.credit)),
      lines: own.map((l) => ({
        lineNo: l.line_no,
        accountId: l.account_id,
        accountCode: l.code,
        accountName: l.name,
        description: l.description,
        debit: formatDecimal(l.debit),
        credit: formatDecimal(l.credit),
        currency: l.currency,
        amountCurrency: formatDecimal(l.amount_currency),
        valueCurrency: l.value_currency,
        rate: l.rate === null ? null : formatRate(l.rate),
        costCenter: l.cost_center,
        project: l.project,
        department: l.department,
      })),
    };
  });
}

export async function loadEntry(tx: Tx, companyId: string, id: string): Promise<Entry | undefined> {
  const rows = await tx.query<EntryRow>(`${SELECT_ENTRY} WHERE e.company_id = $1 AND e.id = $2`, [companyId, id]);
  const [entry] = await withLines(tx, companyId, rows);
  return entry;
}
