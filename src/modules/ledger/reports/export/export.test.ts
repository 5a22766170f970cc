import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.ts';
import { printAmount, toPdf } from './pdf.ts';
import type { ReportTable } from './report-table.ts';
import { toXlsx } from './xlsx.ts';

const table = (rows: number): ReportTable => ({
  title: 'Test report',
  subtitle: ['2025-01-01 – 2025-12-31', 'Currency: EUR'],
  fileName: 'test',
  columns: [
    { label: 'Code', numeric: false },
    { label: 'Account', numeric: false },
    { label: 'Amount', numeric: true },
  ],
  rows: [
    { kind: 'heading', cells: ['', 'Assets, "current"', ''] },
    ...Array.from({ length: rows }, (_, i) => ({ kind: 'line' as const, cells: [String(1000 + i), `Account ${i}, señal ñ`, `${i}.5`] })),
    { kind: 'total', cells: ['', 'Total', '-1234567.0001'] },
  ],
});

describe('report exports', () => {
  it('CSV quotes commas and quotes, and keeps amounts exact', () => {
    const rows: string[][] = parse(toCsv(table(3)));
    expect(rows[0]).toEqual(['Code', 'Account', 'Amount']);
    expect(rows[1]).toEqual(['', 'Assets, "current"', '']);
    expect(rows[2]).toEqual(['1000', 'Account 0, señal ñ', '0.5']);
    expect(rows.at(-1)).toEqual(['', 'Total', '-1234567.0001']);
  });

  it('XLSX has numbers in amount columns and text elsewhere', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await toXlsx(table(2))) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.getCell('A1').value).toBe('Test report');
    const last = sheet?.getRow(sheet.rowCount);
    expect(last?.getCell(2).value).toBe('Total');
    expect(last?.getCell(3).value).toBe(-1234567.0001);
    expect(sheet?.getColumn(3).numFmt).toBe('#,##0.00;-#,##0.00');
  });

  it('PDF breaks a long table over several pages', async () => {
    const short = (await toPdf(table(3), 'en')).toString('latin1');
    const long = (await toPdf(table(200), 'es')).toString('latin1');
    const pages = (pdf: string) => (pdf.match(/\/Type \/Page\b/g) ?? []).length;
    expect(short.startsWith('%PDF-')).toBe(true);
    expect(pages(short)).toBe(1);
    expect(pages(long)).toBeGreaterThanOrEqual(4);
  });

  it('prints amounts grouped by string work', () => {
    expect(printAmount('-1234567.5')).toBe('-1,234,567.50');
    expect(printAmount('1234.0001', '.', ',')).toBe('1.234,0001');
    expect(printAmount('12')).toBe('12.00');
  });
});
