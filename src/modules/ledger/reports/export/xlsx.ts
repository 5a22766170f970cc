import ExcelJS from 'exceljs';
import type { ReportTable } from './report-table.ts';

const AMOUNT_FORMAT = '#,##0.00;-#,##0.00';

/**
 * One worksheet: title, subtitle lines, a header row (frozen) and the rows, amounts as numbers so the
 * spreadsheet can add them. A spreadsheet number is a double: the conversion from the exact decimal
 * string happens here, at the file format's boundary, and nowhere in the ledger's own arithmetic.
 */
export async function toXlsx(table: ReportTable): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Trastienda';
  const sheet = book.addWorksheet(table.title.slice(0, 31));
  sheet.addRow([table.title]).font = { bold: true, size: 14 };
  for (const line of table.subtitle) sheet.addRow([line]);
  sheet.addRow([]);
  const header = sheet.addRow(table.columns.map((c) => c.label));
  header.font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: header.number }];
  for (const row of table.rows) {
    const added = sheet.addRow(row.cells.map((cell, i) => (cell === '' ? null : table.columns[i]?.numeric ? Number(cell) : cell)));
    if (row.kind !== 'line') added.font = { bold: true };
  }
  table.columns.forEach((column, i) => {
    const col = sheet.getColumn(i + 1);
    col.width = column.numeric ? 16 : Math.min(60, Math.max(12, ...table.rows.map((r) => (r.cells[i] ?? '').length + 2)));
    if (column.numeric) {
      col.numFmt = AMOUNT_FORMAT;
      col.alignment = { horizontal: 'right' };
    }
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}
