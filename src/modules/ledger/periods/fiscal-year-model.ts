import { z } from 'zod';
import type { Tx } from '../../../platform/db/database.ts';
import { validate } from '../validate.ts';

/** How far a month is locked: wholly for everyone, wholly for all but admins, partly, or not at all. */
export const PERIOD_LOCKS = ['everyone', 'exceptAdmins', 'partly', 'open'] as const;

export const fiscalPeriodSchema = z.object({
  period: z.number(),
  startDate: z.string(),
  endDate: z.string(),
  lock: z.enum(PERIOD_LOCKS),
});

export const fiscalYearSchema = z.object({
  year: z.number(),
  startDate: z.string(),
  endDate: z.string(),
  status: z.enum(['open', 'closed']),
  /** Income minus expenses of the year in the base currency, closing entries left out (negative: a loss). */
  result: z.string(),
  currency: z.string(),
  closingEntryId: z.uuid().nullable(),
  closedAt: z.date().nullable(),
  closedBy: z.string().nullable(),
  periods: z.array(fiscalPeriodSchema),
});
export type FiscalYear = z.infer<typeof fiscalYearSchema>;

/** A fiscal year that can be closed: its successor must fit the ledger's year range too (up to 9999). */
export const fiscalYearNumber = z.number().int().min(1900).max(9998);
export const yearParams = z.strictObject({ year: z.coerce.number().pipe(fiscalYearNumber) });

/** Checks a year given by a caller other than HTTP (the CLI, another module), with the same field error. */
export function checkYear(year: number): number {
  return validate(z.strictObject({ year: fiscalYearNumber }), { year }).year;
}

export interface FiscalYearRow {
  year: number;
  start_date: string;
  end_date: string;
  status: 'open' | 'closed';
  closing_entry_id: string | null;
  closed_at: Date | null;
  closed_by_label: string | null;
  lock_date_before_close: string | null;
}

export const SELECT_FISCAL_YEAR = `SELECT year, start_date::text AS start_date, end_date::text AS end_date, status, closing_entry_id,
       closed_at, closed_by_label, lock_date_before_close::text AS lock_date_before_close
  FROM fiscal_years`;

export async function findFiscalYearRows(tx: Tx, companyId: string): Promise<FiscalYearRow[]> {
  return tx.query<FiscalYearRow>(`${SELECT_FISCAL_YEAR} WHERE company_id = $1 ORDER BY year`, [companyId]);
}

/**
 * The year's row, created open if missing, and locked for the rest of the transaction: closing and
 * reopening one year serialize on it, so two closes of the same year can't both pass their checks.
 */
export async function lockFiscalYearRow(tx: Tx, companyId: string, year: number, range: { startDate: string; endDate: string }) {
  await tx.query(`INSERT INTO fiscal_years (company_id, year, start_date, end_date) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [
    companyId,
    year,
    range.startDate,
    range.endDate,
  ]);
  const [row] = await tx.query<FiscalYearRow>(`${SELECT_FISCAL_YEAR} WHERE company_id = $1 AND year = $2 FOR UPDATE`, [companyId, year]);
  if (!row) throw new Error(`fiscal year ${year} vanished`);
  return row;
}

export async function readFiscalYearRow(tx: Tx, companyId: string, year: number): Promise<FiscalYearRow | undefined> {
  const [row] = await tx.query<FiscalYearRow>(`${SELECT_FISCAL_YEAR} WHERE company_id = $1 AND year = $2`, [companyId, year]);
  return row;
}
