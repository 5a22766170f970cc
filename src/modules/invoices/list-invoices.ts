import { z } from 'zod';
import type { ServiceContext } from '../../platform/context.ts';
import { decodeCursor, type Page, pageQuery, toPage } from '../../platform/pagination.ts';
import { containsPattern, foldText } from '../../platform/search-text.ts';
import { type Invoice, type InvoiceRow, SELECT_INVOICE, withLines } from './invoice-model.ts';

export const listInvoicesQuery = z.strictObject({
  ...pageQuery,
  status: z.enum(['draft', 'issued']).optional(),
  kind: z.enum(['invoice', 'credit_note']).optional(),
  partyId: z.uuid().optional(),
  /** Matches the number ("INV-2026-00012", or just "12") and the customer's name. */
  q: z.string().trim().max(100).optional(),
});
export type ListInvoicesQuery = z.output<typeof listInvoicesQuery>;

/** Invoices, newest issue date first. */
export async function listInvoices(ctx: ServiceContext, query: ListInvoicesQuery): Promise<Page<Invoice>> {
  const after = decodeCursor(query.cursor, 2);
  const params: unknown[] = [ctx.companyId];
  const where = ['i.company_id = $1'];
  const add = (clause: (n: number) => string, value: unknown) => {
    params.push(value);
    where.push(clause(params.length));
  };
  if (query.status) add((n) => `i.status = $${n}`, query.status);
  if (query.kind) add((n) => `i.kind = $${n}`, query.kind);
  if (query.partyId) add((n) => `i.party_id = $${n}`, query.partyId);
  if (query.q) {
    add(
      (n) =>
        `(i.search_text LIKE $${n} OR (i.number IS NOT NULL AND lower(i.series || '-' || i.fiscal_year || '-' || lpad(i.number::text, 5, '0')) LIKE $${n}))`,
      containsPattern(foldText(query.q)),
    );
  }
  if (after) {
    params.push(after[0], after[1]);
    where.push(`(i.issue_date, i.id) < ($${params.length - 1}::date, $${params.length}::uuid)`);
  }
  params.push(query.limit + 1);
  return ctx.db.tenant(ctx.companyId, async (tx) => {
    const rows = await tx.query<InvoiceRow>(
      `${SELECT_INVOICE} WHERE ${where.join(' AND ')} ORDER BY i.issue_date DESC, i.id DESC LIMIT $${params.length}`,
      params,
    );
    const page = toPage(
      rows,
      query.limit,
      (r) => r,
      (r) => [r.issue_date, r.id],
    );
    return { items: await withLines(tx, ctx.companyId, page.items), nextCursor: page.nextCursor };
  });
}
