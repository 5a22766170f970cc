import { z } from 'zod';
import type { ServiceContext } from '../../platform/context.ts';
import { decodeCursor, type Page, pageQuery, toPage } from '../../platform/pagination.ts';
import { containsPattern, foldText } from '../../platform/search-text.ts';
import { type Party, type PartyRow, SELECT_PARTY, withDetails } from './party-model.ts';

export const listPartiesQuery = z.strictObject({
  ...pageQuery,
  q: z.string().trim().max(100).optional(),
  role: z.enum(['customer', 'supplier']).optional(),
  archived: z.enum(['include', 'exclude', 'only']).default('exclude'),
});
export type ListPartiesQuery = z.output<typeof listPartiesQuery>;

/** Customers and suppliers in legal-name order; `q` matches names, tax id and email, ignoring case and accents. */
export async function listParties(ctx: ServiceContext, query: ListPartiesQuery): Promise<Page<Party>> {
  const after = decodeCursor(query.cursor, 2);
  const params: unknown[] = [ctx.companyId];
  const where = ['company_id = $1'];
  const add = (clause: (n: number) => string, value: unknown) => {
    params.push(value);
    where.push(clause(params.length));
  };
  if (query.q) {
    // Tax ids are stored without spaces or dashes, so a typed "B-1234…" finds them too.
    const folded = foldText(query.q);
    const compact = folded.replace(/[\s.\-/]/g, '');
    add((n) => `(search_text LIKE $${n} OR replace(search_text, ' ', '') LIKE $${n + 1})`, containsPattern(folded));
    params.push(containsPattern(compact));
  }
  if (query.role === 'customer') where.push('is_customer');
  if (query.role === 'supplier') where.push('is_supplier');
  if (query.archived === 'exclude') where.push('archived_at IS NULL');
  if (query.archived === 'only') where.push('archived_at IS NOT NULL');
  if (after) {
    params.push(after[0], after[1]);
    where.push(`(legal_name, id) > ($${params.length - 1}, $${params.length}::uuid)`);
  }
  params.push(query.limit + 1);
  return ctx.db.tenant(ctx.companyId, async (tx) => {
    const rows = await tx.query<PartyRow>(
      `${SELECT_PARTY} WHERE ${where.join(' AND ')} ORDER BY legal_name, id LIMIT $${params.length}`,
      params,
    );
    const page = toPage(
      rows,
      query.limit,
      (r) => r,
      (r) => [r.legal_name, r.id],
    );
    return { items: await withDetails(tx, ctx.companyId, page.items), nextCursor: page.nextCursor };
  });
}
