/**
 * A report flattened into a table: what every export format renders. Amount cells are the API's
 * decimal strings (exact), or '' where a row has no amount (a heading).
 */
export interface ReportTable {
  title: string;
  /** Lines under the title: company currency, dates, filters. */
  subtitle: string[];
  /** The download's file name, without extension. */
  fileName: string;
  columns: { label: string; numeric: boolean }[];
  rows: ReportRow[];
}

export interface ReportRow {
  /** How the row is styled: a section heading, an account line, a group subtotal or a statement total. */
  kind: 'heading' | 'line' | 'subtotal' | 'total';
  cells: string[];
}

export const EXPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const EXPORT_LANGUAGES = ['en', 'es'] as const;
export type ExportLanguage = (typeof EXPORT_LANGUAGES)[number];

export interface ExportFile {
  body: Buffer;
  contentType: string;
  fileName: string;
}
