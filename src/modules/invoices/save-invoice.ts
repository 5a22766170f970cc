import { z } from 'zod';
import { appendAudit } from '../../platform/audit/append.ts';
import type { ServiceContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError, type FieldError, notFound, versionConflict } from '../../platform/errors.ts';
import { currency, text, version } from '../../platform/http/schemas.ts';
import { newId } from '../../platform/ids.ts';
import { foldText } from '../../platform/search-text.ts';
import { validate } from '../../platform/validate.ts';
import { findParty, findPaymentTerms } from '../parties/index.ts';
import { findProducts } from '../products/index.ts';
import { computeDocumentIn } from '../taxes/index.ts';
import { type Invoice, loadInvoice } from './invoice-model.ts';

export const invoiceLineInput = z.strictObject({
  productId: z.uuid().nullish(),
  /** Left out: the product's name. */
  description: text(1000).optional(),
  quantity: z.string().regex(/^-?\d{1,12}(\.\d{1,4})?$/, 'must be a number with at most 4 decimals'),
  /** Left out: the product's sales price. */
  unitPrice: z
    .string()
    .regex(/^-?\d{1,12}(\.\d{1,6})?$/, 'must be a price with at most 6 decimals')
    .optional(),
  discountPercent: z
    .string()
    .regex(/^(100(\.0{1,2})?|\d{1,2}(\.\d{1,2})?)$/, 'must be a percentage from 0 to 100')
    .optional(),
  /** Left out: the product's sales tax codes. */
  taxCodeIds: z.array(z.uuid()).max(5).optional(),
  incomeAccountId: z.uuid().nullish(),
});

const fields = {
  series: z
    .string()
    .trim()
    .regex(/^[A-Z0-9]{1,10}$/, 'must be 1–10 capital letters or digits'),
  partyId: z.uuid(),
  issueDate: z.iso.date(),
  currency,
  notes: text(2000).nullish(),
  lines: z.array(invoiceLineInput).min(1).max(500),
};

export const createInvoiceInput = z.strictObject({
  ...fields,
  series: fields.series.default('INV'),
  issueDate: fields.issueDate.optional(),
  currency: fields.currency.optional(),
});
export type CreateInvoiceInput = z.input<typeof createInvoiceInput>;

export const updateInvoiceInput = z.strictObject({ version, ...z.strictObject(fields).partial().shape });
export type UpdateInvoiceInput = z.input<typeof updateInvoiceInput>;

interface Draft {
  series: string;
  partyId: string;
  issueDate: string;
  currency: string;
  notes: string | null;
  lines: z.output<typeof invoiceLineInput>[];
}

const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** Completes the lines from their products, computes the taxes, and writes the draft (new or replacing). */
async function writeDraft(tx: Tx, companyId: string, id: string, draft: Draft, existing: boolean): Promise<void> {
  const errors: FieldError[] = [];
  const party = await findParty(tx, companyId, draft.partyId);
  if (!party) errors.push({ path: 'partyId', message: 'is not a customer of this company' });
  else if (!party.isCustomer) errors.push({ path: 'partyId', message: `${party.legalName} is not a customer` });
  else if (party.archivedAt) errors.push({ path: 'partyId', message: `${party.legalName} is archived` });
  const products = await findProducts(
    tx,
    companyId,
    draft.lines.flatMap((l) => (l.productId ? [l.productId] : [])),
  );
  const lines = draft.lines.map((line, i) => {
    const product = line.productId ? products.find((p) => p.id === line.productId) : undefined;
    if (line.productId && !product) errors.push({ path: `lines.${i}.productId`, message: 'is not a product of this company' });
    else if (product?.archivedAt) errors.push({ path: `lines.${i}.productId`, message: `product ${product.sku} is archived` });
    const description = line.description ?? product?.name;
    const unitPrice = line.unitPrice ?? product?.salesPrice ?? undefined;
    if (!description) errors.push({ path: `lines.${i}.description`, message: 'is required for a line without a product' });
    if (!unitPrice) errors.push({ path: `lines.${i}.unitPrice`, message: 'is required (the product has no sales price)' });
    return {
      productId: line.productId ?? null,
      description: description ?? '',
      quantity: line.quantity,
      unitPrice: unitPrice ?? '0',
      discountPercent: line.discountPercent ?? '0',
      taxCodeIds: line.taxCodeIds ?? product?.salesTaxCodeIds ?? [],
      incomeAccountId: line.incomeAccountId ?? null,
    };
  });
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', 'Some fields are not valid', errors);
  const computed = await computeDocumentIn(tx, companyId, {
    side: 'sales',
    currency: draft.currency,
    lines: lines.map(({ quantity, unitPrice, discountPercent, taxCodeIds }) => ({ quantity, unitPrice, discountPercent, taxCodeIds })),
  });
  const terms = party?.paymentTermsId ? await findPaymentTerms(tx, companyId, party.paymentTermsId) : undefined;
  const dueDate = addDays(draft.issueDate, terms?.installments.at(-1)?.days ?? 0);
  const values = [
    companyId,
    id,
    draft.series,
    draft.partyId,
    draft.issueDate,
    dueDate,
    draft.currency,
    draft.notes,
    computed.net,
    computed.tax,
    computed.withholding,
    computed.total,
    JSON.stringify(computed.taxes),
    foldText(party?.legalName ?? ''),
  ];
  if (existing) {
    await tx.query(
      `UPDATE invoices SET series = $3, party_id = $4, issue_date = $5, due_date = $6, currency = $7, notes = $8, net = $9, tax = $10,
              withholding = $11, total = $12, taxes = $13, search_text = $14, version = version + 1, updated_at = now()
        WHERE company_id = $1 AND id = $2`,
      values,
    );
    await tx.query('DELETE FROM invoice_lines WHERE company_id = $1 AND invoice_id = $2', [companyId, id]);
  } else {
    await tx.query(
      `INSERT INTO invoices (company_id, id, series, status, party_id, issue_date, due_date, currency, notes, net, tax, withholding, total, taxes,
                             search_text)
       VALUES ($1, $2, $3, 'draft', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      values,
    );
  }
  await tx.query(
    `INSERT INTO invoice_lines (company_id, invoice_id, line_no, product_id, description, quantity, unit_price, discount_percent, tax_code_ids,
                                income_account_id, net, taxes)
     SELECT $1, $2, u.line_no, u.product_id, u.description, u.quantity, u.unit_price, u.discount_percent,
            ARRAY(SELECT jsonb_array_elements_text(u.tax_code_ids))::uuid[], u.income_account_id, u.net, u.taxes
       FROM unnest($3::int[], $4::uuid[], $5::text[], $6::numeric[], $7::numeric[], $8::numeric[], $9::jsonb[], $10::uuid[], $11::numeric[],
                   $12::jsonb[])
         AS u (line_no, product_id, description, quantity, unit_price, discount_percent, tax_code_ids, income_account_id, net, taxes)`,
    [
      companyId,
      id,
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
    ],
  );
}

/** A new draft invoice: series INV, today and the customer's currency unless given. */
export function createInvoice(ctx: ServiceContext, raw: CreateInvoiceInput): Promise<Invoice> {
  const input = validate(createInvoiceInput, raw);
  return ctx.db.tenant(ctx.companyId, async (tx) => {
    const party = await findParty(tx, ctx.companyId, input.partyId);
    const id = newId();
    await writeDraft(
      tx,
      ctx.companyId,
      id,
      {
        series: input.series,
        partyId: input.partyId,
        issueDate: input.issueDate ?? new Date().toISOString().slice(0, 10),
        currency: input.currency ?? party?.currency ?? 'EUR',
        notes: input.notes ?? null,
        lines: input.lines,
      },
      false,
    );
    const invoice = (await loadInvoice(tx, ctx.companyId, id)) as Invoice;
    await appendAudit(tx, ctx.companyId, ctx.actor, {
      action: 'invoices.invoice.created',
      entityType: 'invoice',
      entityId: id,
      after: invoice,
    });
    return invoice;
  });
}

async function lockDraft(tx: Tx, companyId: string, id: string, expected: number): Promise<Invoice> {
  const invoice = await loadInvoice(tx, companyId, id, true);
  if (!invoice) throw notFound('Invoice');
  if (invoice.status !== 'draft')
    throw new AppError('INVALID_STATE', `Invoice ${invoice.numberLabel} is issued and cannot be changed; credit it instead`);
  if (invoice.version !== expected) throw versionConflict('The invoice');
  return invoice;
}

/** Changes a draft; `lines` replaces the list. */
export function updateInvoice(ctx: ServiceContext, id: string, raw: UpdateInvoiceInput): Promise<Invoice> {
  const { version: expected, ...changes } = validate(updateInvoiceInput, raw);
  return ctx.db.tenant(ctx.companyId, async (tx) => {
    const before = await lockDraft(tx, ctx.companyId, id, expected);
    await writeDraft(
      tx,
      ctx.companyId,
      id,
      {
        series: changes.series ?? before.series,
        partyId: changes.partyId ?? before.partyId,
        issueDate: changes.issueDate ?? before.issueDate,
        currency: changes.currency ?? before.currency,
        notes: changes.notes === undefined ? before.notes : changes.notes,
        lines:
          changes.lines ??
          before.lines.map((l) => ({
            productId: l.productId,
            description: l.description,
            quantity: l.quantity,
            unitPrice: l.unitPrice,
            discountPercent: l.discountPercent,
            taxCodeIds: l.taxCodeIds,
            incomeAccountId: l.incomeAccountId,
          })),
      },
      true,
    );
    const after = (await loadInvoice(tx, ctx.companyId, id)) as Invoice;
    await appendAudit(tx, ctx.companyId, ctx.actor, {
      action: 'invoices.invoice.updated',
      entityType: 'invoice',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

/** Deletes a draft (an issued invoice is never deleted). */
export function deleteInvoice(ctx: ServiceContext, id: string, expected: number): Promise<void> {
  return ctx.db.tenant(ctx.companyId, async (tx) => {
    const before = await lockDraft(tx, ctx.companyId, id, expected);
    await tx.query('DELETE FROM invoice_lines WHERE company_id = $1 AND invoice_id = $2', [ctx.companyId, id]);
    await tx.query('DELETE FROM invoices WHERE company_id = $1 AND id = $2', [ctx.companyId, id]);
    await appendAudit(tx, ctx.companyId, ctx.actor, { action: 'invoices.invoice.deleted', entityType: 'invoice', entityId: id, before });
  });
}

export async function getInvoice(ctx: ServiceContext, id: string): Promise<Invoice> {
  const invoice = await ctx.db.tenant(ctx.companyId, (tx) => loadInvoice(tx, ctx.companyId, id));
  if (!invoice) throw notFound('Invoice');
  return invoice;
}
