import { toCsv } from './csv.ts';
import { toPdf } from './pdf.ts';
import type { ExportFile, ExportFormat, ExportLanguage, ReportTable } from './report-table.ts';
import { toXlsx } from './xlsx.ts';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/** Renders a report table in the asked format, with the download's content type and file name. */
export async function renderTable(table: ReportTable, format: ExportFormat, language: ExportLanguage): Promise<ExportFile> {
  const body = format === 'csv' ? toCsv(table) : format === 'xlsx' ? await toXlsx(table) : await toPdf(table, language);
  return { body, contentType: CONTENT_TYPES[format], fileName: `${table.fileName}.${format}` };
}
