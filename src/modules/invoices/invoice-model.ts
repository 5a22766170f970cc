import { z } from 'zod';
import type { Tx } from '../../platform/db/database.ts';

const lineTax = z.object({ taxId: z.string(), base: z.string(), amount: z.string() });

export const invoiceLineSchema = z.object({
  lineNo: z.number(),
  productId: z.uuid().nullable(),
  description: z.string(),
  quantity: z.string(),
  unitPrice: z.string(),
  discountPercent: z.string(),
  taxCodeIds: z.array(z.uuid()),
  incomeAccountId: z.uuid().nullable(),
  net: z.string(),
  taxes: z.array(lineTax),
});

export const invoiceTaxSchema = z.object({
  taxId: z.string(),
  kind: z.string(),
  rate: z.string(),
  reverseCharge: z.boolean(),
  base: z.string(),
  amount: z.string(),
});

export const invoiceSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['invoice', 'credit_note']),
  /** For a credit note: the invoice it corrects, and why. */
  creditedInvoiceId: z.uuid().nullable(),
  reason: z.string().nullable(),
  /** For an invoice: what its issued credit notes add up to, and whether they cover every line. */
  creditedTotal: z.string(),
  creditStatus: z.enum(['none', 'partial', 'full']),
  series: z.string(),
  fiscalYear: z.number().nullable(),
  number: z.number().nullable(),
  numberLabel: z.string().nullable(),
  status: z.enum(['draft', 'issued']),
  partyId: z.uuid(),
  partyName: z.string(),
  partyTaxId: z.string().nullable(),
  issueDate: z.string(),
  dueDate: z.string(),
  currency: z.string(),
  rate: z.string().nullable(),
  notes: z.string().nullable(),
  lines: z.array(invoiceLineSchema),
  taxes: z.array(invoiceTaxSchema),
  net: z.string(),
  tax: z.string(),
  withholding: z.string(),
  total: z.string(),
  entryId: z.uuid().nullable(),
  issuedAt: z.date().nullable(),
  version: z.number(),
});
export type Invoice = z.infer<typeof invoiceSchema>;

export interface InvoiceRow {
  id: string;
  kind: 'invoice' | 'credit_note';
  credited_invoice_id: string | null;
  reason: string | null;
  series: string;
  fiscal_year: number | null;
  number: number | null;
  status: 'draft' | 'issued';
  party_id: string;
  party_name: string | null;
  party_tax_id: string | null;
  current_party_name: string;
  current_party_tax: string | null;
  issue_date: string;
  due_date: string;
  currency: string;
  rate: string | null;
  notes: string | null;
  net: string;
  tax: string;
  withholding: string;
  total: string;
  taxes: Invoice['taxes'];
  entry_id: string | null;
  issued_at: Date | null;
  version: number;
}

export const SELECT_INVOICE = `SELECT i.id, i.kind, i.credited_invoice_id, i.reason, i.series, i.fiscal_year, i.number, i.status, i.party_id, i.party_name, i.party_tax_id,
       p.legal_name AS current_party_name, p.tax_id AS current_party_tax, i.issue_date::text AS issue_date, i.due_date::text AS due_date,
       i.currency, i.rate::text AS rate, i.notes, i.net::text AS net, i.tax::text AS tax, i.withholding::text AS withholding,
       i.total::text AS total, i.taxes, i.entry_id, i.issued_at, i.version
  FROM invoices i JOIN parties p ON p.company_id = i.company_id AND p.id = i.party_id`;

/** "INV-2026-00001". */
export const numberLabel = (series: string, year: number, number: number) => `${series}-${year}-${String(number).padStart(5, '0')}`;

/** Money as 2 decimals at least ("605.0000" → "605.00"). */
export function formatMoney(value: string): string {
  const [whole, fraction = ''] = value.split('.');
  return `${whole}.${fraction.replace(/0+$/, '').padEnd(2, '0')}`;
}

interface LineRow {
  invoice_id: string;
  line_no: number;
  product_id: string | null;
  description: string;
  quantity: string;
  unit_price: string;
  discount_percent: string;
  tax_code_ids: string[];
  income_account_id: string | null;
  net: string;
  taxes: Invoice['lines'][number]['taxes'];
}

const trimDecimal = (value: string) => (value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value);

export async function withLines(tx: Tx, companyId: string, rows: InvoiceRow[]): Promise<Invoice[]> {
  if (rows.length === 0) return [];
  const lines = await tx.query<LineRow>(
    `SELECT invoice_id, line_no, product_id, description, quantity::text AS quantity, unit_price::text AS unit_price,
            discount_percent::text AS discount_percent, tax_code_ids, income_account_id, net::text AS net, taxes
       FROM invoice_lines WHERE company_id = $1 AND invoice_id = ANY ($2::uuid[]) ORDER BY invoice_id, line_no`,
    [companyId, rows.map((r) => r.id)],
  );
  const credits = await tx.query<{ invoice_id: string; line_no: number; quantity: string; total: string }>(
    `SELECT c.credited_invoice_id AS invoice_id, l.credited_line_no AS line_no, sum(l.quantity)::text AS quantity,
            (SELECT sum(t.total) FROM invoices t WHERE t.company_id = c.company_id AND t.credited_invoice_id = c.credited_invoice_id
                AND t.status = 'issued')::text AS total
       FROM invoices c JOIN invoice_lines l ON l.company_id = c.company_id AND l.invoice_id = c.id
      WHERE c.company_id = $1 AND c.credited_invoice_id = ANY ($2::uuid[]) AND c.status = 'issued'
      GROUP BY 1, 2, c.company_id`,
    [companyId, rows.map((r) => r.id)],
  );
  const creditOf = (r: InvoiceRow, own: LineRow[]): Pick<Invoice, 'creditedTotal' | 'creditStatus'> => {
    const mine = credits.filter((c) => c.invoice_id === r.id);
    if (mine.length === 0) return { creditedTotal: '0.00', creditStatus: 'none' };
    const full = own.every((l) => Number(mine.find((c) => c.line_no === l.line_no)?.quantity ?? 0) >= Number(l.quantity));
    return { creditedTotal: formatMoney(mine[0]?.total ?? '0'), creditStatus: full ? 'full' : 'partial' };
  };
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    creditedInvoiceId: r.credited_invoice_id,
    reason: r.reason,
    ...creditOf(
      r,
      lines.filter((l) => l.invoice_id === r.id),
    ),
    series: r.series,
    fiscalYear: r.fiscal_year,
    number: r.number,
    numberLabel: r.number !== null && r.fiscal_year !== null ? numberLabel(r.series, r.fiscal_year, r.number) : null,
    status: r.status,
    partyId: r.party_id,
    partyName: r.party_name ?? r.current_party_name,
    partyTaxId: r.status === 'issued' ? r.party_tax_id : r.current_party_tax,
    issueDate: r.issue_date,
    dueDate: r.due_date,
    currency: r.currency,
    rate: r.rate === null ? null : trimDecimal(r.rate),
    notes: r.notes,
    lines: lines
      .filter((l) => l.invoice_id === r.id)
      .map((l) => ({
        lineNo: l.line_no,
        productId: l.product_id,
        description: l.description,
        quantity: trimDecimal(l.quantity),
        unitPrice: formatMoney(l.unit_price),
        discountPercent: trimDecimal(l.discount_percent),
        taxCodeIds: l.tax_code_ids,
        incomeAccountId: l.income_account_id,
        net: formatMoney(l.net),
        taxes: l.taxes,
      })),
    taxes: r.taxes,
    net: formatMoney(r.net),
    tax: formatMoney(r.tax),
    withholding: formatMoney(r.withholding),
    total: formatMoney(r.total),
    entryId: r.entry_id,
    issuedAt: r.issued_at,
    version: r.version,
  }));
}

export async function loadInvoice(tx: Tx, companyId: string, id: string, lock = false): Promise<Invoice | undefined> {
  const rows = await tx.query<InvoiceRow>(`${SELECT_INVOICE} WHERE i.company_id = $1 AND i.id = $2${lock ? ' FOR UPDATE OF i' : ''}`, [
    companyId,
    id,
  ]);
  const [invoice] = await withLines(tx, companyId, rows);
  return invoice;
}
