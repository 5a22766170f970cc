import PDFDocument from 'pdfkit';
import type { ReportTable } from './report-table.ts';

const MARGIN = 40;
const ROW_HEIGHT = 14;
const NUMERIC_WIDTH = 78;

/** Groups an amount's digits for print ("-1234567.50" → "-1,234,567.50") by string work, never a float. */
export function printAmount(value: string, group = ',', decimal = '.'): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value);
  if (!match) return value;
  const whole = (match[2] ?? '0').replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${match[1]}${whole}${decimal}${(match[3] ?? '').padEnd(2, '0')}`;
}

/**
 * A4 pages (landscape when the table is wide): title and subtitle, then the table, its header repeated
 * on every page. Text columns share the width left by the amount columns.
 */
export function toPdf(table: ReportTable, language: 'en' | 'es'): Promise<Buffer> {
  const numeric = table.columns.filter((c) => c.numeric).length;
  const landscape = table.columns.length > 5;
  const doc = new PDFDocument({ size: 'A4', layout: landscape ? 'landscape' : 'portrait', margin: MARGIN, info: { Title: table.title } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const [group, decimal] = language === 'es' ? ['.', ','] : [',', '.'];
  const width = doc.page.width - 2 * MARGIN;
  const textColumns = table.columns.length - numeric;
  const textWidth = textColumns > 0 ? (width - numeric * NUMERIC_WIDTH) / textColumns : 0;
  const widths = table.columns.map((c) => (c.numeric ? NUMERIC_WIDTH : textWidth));
  const bottom = doc.page.height - MARGIN - ROW_HEIGHT;

  const drawRow = (cells: string[], bold: boolean) => {
    if (doc.y > bottom) {
      doc.addPage();
      drawHeader();
    }
    const y = doc.y;
    let x = MARGIN;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
    table.columns.forEach((column, i) => {
      const raw = cells[i] ?? '';
      const text = column.numeric && raw !== '' ? printAmount(raw, group, decimal) : raw;
      doc.text(text, x + 2, y, { width: (widths[i] ?? 0) - 4, align: column.numeric ? 'right' : 'left', lineBreak: false, ellipsis: true });
      x += widths[i] ?? 0;
    });
    doc.x = MARGIN;
    doc.y = y + ROW_HEIGHT;
  };
  const drawHeader = () => {
    drawRow(
      table.columns.map((c) => c.label),
      true,
    );
    doc
      .moveTo(MARGIN, doc.y - 2)
      .lineTo(MARGIN + width, doc.y - 2)
      .stroke();
  };

  doc.font('Helvetica-Bold').fontSize(14).text(table.title);
  doc.font('Helvetica').fontSize(9);
  for (const line of table.subtitle) doc.text(line);
  doc.moveDown();
  drawHeader();
  for (const row of table.rows) drawRow(row.cells, row.kind !== 'line');
  doc.end();
  return done;
}
