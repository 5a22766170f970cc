import { stringify } from 'csv-stringify/sync';
import type { ReportTable } from './report-table.ts';

/**
 * A plain table: one header row, then the rows. Amounts stay as the API's decimal strings (a "." and no
 * thousands separator) so any program reads them back exactly; the title is left to the file name.
 */
export function toCsv(table: ReportTable): Buffer {
  return Buffer.from(
    stringify([table.columns.map((c) => c.label), ...table.rows.map((r) => r.cells)], { record_delimiter: '\r\n' }),
    'utf8',
  );
}
