import { z } from 'zod';
import { appendAudit } from '../../platform/audit/append.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { AppError, type FieldError, notFound } from '../../platform/errors.ts';
import { text } from '../../platform/http/schemas.ts';
import { newId } from '../../platform/ids.ts';
import { validate } from '../../platform/validate.ts';
import { postEntry } from '../ledger/index.ts';
import { findParty, type Party } from '../parties/index.ts';
import { computeDocumentIn } from '../taxes/index.ts';
import { type Invoice, loadInvoice, numberLabel } from './invoice-model.ts';
import { entryLines } from './issue-invoice.ts';

export const CREDIT_NOTE_SERIES = 'CN';

export const creditInvoiceInput = z.strictObject({
  reason: text(500),
  /** The credit note's date; today when left out. */
  issueDate: z.iso.date().optional(),
  /** Quantities of the invoice's lines to credit; everything not credited yet when left out. */
  lines: z
    .array(
      z.strictObject({
        lineNo: z.number().int().min(1),
        quantity: z.string().regex(/^\d{1,12}(\.\d{1,4})?$/, 'must be a positive number with at most 4 decimals'),
      }),
    )
    .min(1)
    .max(500)
    .optional(),
});
export type CreditInvoiceInput = z.input<typeof creditInvoiceInput>;

/** Quantities as integers of 1/10,000 (the column's scale), for exact comparison. */
const q = (value: string) => {
  const [whole = '0', fraction = ''] = value.replace('-', '').split('.');
  const n = BigInt(whole) * 10_000n + BigInt(fraction.padEnd(4, '0').slice(0, 4));
  return value.startsWith('-') ? -n : n;
};
const fromQ = (n: bigint) => {
  const fraction = String(n % 10_000n)
    .padStart(4, '0')
    .replace(/0+$/, '');
  return fraction ? `${n / 10_000n}.${fraction}` : `${n / 10_000n}`;
};

/**
 * Credits an issued invoice, wholly or line by line, with a credit note issued at once: the next number of
 * series CN in its year, the invoice's prices, discounts, tax codes and rate, and the invoice's entry
 * posted the other way round. Never more than what is left to credit on each line.
 */
export function creditInvoice(ctx: ServiceContext, id: string, raw: CreditInvoiceInput): Promise<Invoice> {
  const input = validate(creditInvoiceInput, raw);
  return ctx.db.tenant(ctx.companyId, async (tx) => {
    // Locked, so two credits of one invoice take turns and never credit a line twice.
    const invoice = await loadInvoice(tx, ctx.companyId, id, true);
    if (!invoice) throw notFound('Invoice');
    if (invoice.kind !== 'invoice') throw new AppError('INVALID_STATE', 'A credit note cannot be credited');
    if (invoice.status !== 'issued')
      throw new AppError('INVALID_STATE', 'Only an issued invoice is credited; a draft can simply be changed');
    const credited = await tx.query<{ credited_line_no: number; quantity: string }>(
      `SELECT l.credited_line_no, sum(l.quantity)::text AS quantity FROM invoices c
         JOIN invoice_lines l ON l.company_id = c.company_id AND l.invoice_id = c.id
        WHERE c.company_id = $1 AND c.credited_invoice_id = $2 AND c.status = 'issued' GROUP BY 1`,
      [ctx.companyId, id],
    );
    const left = new Map(
      invoice.lines.map((l) => [l.lineNo, q(l.quantity) - q(credited.find((c) => c.credited_line_no === l.lineNo)?.quantity ?? '0')]),
    );
    const errors: FieldError[] = [];
    const wanted = input.lines
      ? input.lines.map((l, i) => {
          const remaining = left.get(l.lineNo);
          if (remaining === undefined) errors.push({ path: `lines.${i}.lineNo`, message: `the invoice has no line ${l.lineNo}` });
          else if (q(l.quantity) > remaining) {
            errors.push({ path: `lines.${i}.quantity`, message: `only ${fromQ(remaining)} of line ${l.lineNo} is left to credit` });
          } else if (q(l.quantity) === 0n) errors.push({ path: `lines.${i}.quantity`, message: 'must be more than zero' });
          return { lineNo: l.lineNo, quantity: q(l.quantity) };
        })
      : [...left].filter(([, remaining]) => remaining > 0n).map(([lineNo, quantity]) => ({ lineNo, quantity }));
    if (errors.length > 0) throw new AppError('VALIDATION_FAILED', 'Some lines cannot be credited', errors);
    if (wanted.length === 0) throw new AppError('INVALID_STATE', `Invoice ${invoice.numberLabel} is already fully credited`);

    const lines = wanted.map(({ lineNo, quantity }) => {
      const line = invoice.lines.find((l) => l.lineNo === lineNo) as Invoice['lines'][number];
      return { ...line, quantity: fromQ(quantity), creditedLineNo: lineNo };
    });
    const issueDate = input.issueDate ?? new Date().toISOString().slice(0, 10);
    const computed = await computeDocumentIn(tx, ctx.companyId, {
      side: 'sales',
      currency: invoice.currency,
      lines: lines.map((l) => ({
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        discountPercent: l.discountPercent,
        taxCodeIds: l.taxCodeIds,
      })),
    });
    const party = (await findParty(tx, ctx.companyId, invoice.partyId)) as Party;
    const entryLinesOut = await entryLines(tx, ctx.companyId, { currency: invoice.currency, lines }, computed, party, invoice.rate, -1);

    const noteId = newId();
    await tx.query(
      `INSERT INTO invoices (company_id, id, kind, credited_invoice_id, reason, series, status, party_id, issue_date, due_date, currency, notes,
                             net, tax, withholding, total, taxes, search_text)
       VALUES ($1, $2, 'credit_note', $3, $4, $5, 'draft', $6, $7, $7, $8, NULL, $9, $10, $11, $12, $13,
               (SELECT search_text FROM invoices WHERE company_id = $1 AND id = $3))`,
      [
        ctx.companyId,
        noteId,
        id,
        input.reason,
        CREDIT_NOTE_SERIES,
        invoice.partyId,
        issueDate,
        invoice.currency,
        computed.net,
        computed.tax,
        computed.withholding,
        computed.total,
        JSON.stringify(computed.taxes),
      ],
    );
    await tx.query(
      `INSERT INTO invoice_lines (company_id, invoice_id, line_no, product_id, description, quantity, unit_price, discount_percent, tax_code_ids,
                                  income_account_id, net, taxes, credited_line_no)
       SELECT $1, $2, u.line_no, u.product_id, u.description, u.quantity, u.unit_price, u.discount_percent,
              ARRAY(SELECT jsonb_array_elements_text(u.tax_code_ids))::uuid[], u.income_account_id, u.net, u.taxes, u.credited_line_no
         FROM unnest($3::int[], $4::uuid[], $5::text[], $6::numeric[], $7::numeric[], $8::numeric[], $9::jsonb[], $10::uuid[], $11::numeric[],
                     $12::jsonb[], $13::int[])
           AS u (line_no, product_id, description, quantity, unit_price, discount_percent, tax_code_ids, income_account_id, net, taxes,
                 credited_line_no)`,
      [
        ctx.companyId,
        noteId,
        lines.map((_, i) => i + 1),
        lines.map((l) => l.productId),
        lines.map((l) => l.description),
        lines.map((l) => l.quantity),
        lines.map((l) => l.unitPrice),
        lines.map((l) => l.discountPercent),
        lines.map((l) => JSON.stringify(l.taxCodeIds)),
        lines.map((l) => l.incomeAccountId),
        computed.lines.map((l) => l.net),
        computed.lines.map((l) => JSON.stringify(l.taxes)),
        lines.map((l) => l.creditedLineNo),
      ],
    );
    const year = Number(issueDate.slice(0, 4));
    const [next] = await tx.query<{ last_number: number }>(
      `INSERT INTO invoice_sequences (company_id, series, fiscal_year, last_number) VALUES ($1, $2, $3, 1)
       ON CONFLICT (company_id, series, fiscal_year) DO UPDATE SET last_number = invoice_sequences.last_number + 1
       RETURNING last_number`,
      [ctx.companyId, CREDIT_NOTE_SERIES, year],
    );
    const number = next?.last_number as number;
    const label = numberLabel(CREDIT_NOTE_SERIES, year, number);
    const entry = await postEntry(tx, ctx.companyId, ctx.actor, {
      journalCode: 'SAL',
      date: issueDate,
      memo: `Credit note ${label} for ${invoice.numberLabel}: ${input.reason}`.slice(0, 500),
      reference: label,
      lines: entryLinesOut,
    });
    await tx.query(
      `UPDATE invoices SET status = 'issued', fiscal_year = $3, number = $4, party_name = $5, party_tax_id = $6, rate = $7, entry_id = $8,
              issued_at = now(), version = version + 1, updated_at = now()
        WHERE company_id = $1 AND id = $2`,
      [ctx.companyId, noteId, year, number, invoice.partyName, invoice.partyTaxId, invoice.rate, entry.id],
    );
    const note = (await loadInvoice(tx, ctx.companyId, noteId)) as Invoice;
    await appendAudit(tx, ctx.companyId, ctx.actor, {
      action: 'invoices.credit_note.issued',
      entityType: 'invoice',
      entityId: noteId,
      after: note,
    });
    return note;
  });
}
