import { z } from 'zod';
import type { ServiceContext } from '../../platform/context.ts';
import { decodeCursor, type Page, pageQuery, toPage } from '../../platform/pagination.ts';
import { containsPattern, foldText } from '../../platform/search-text.ts';
import { PRODUCT_KINDS, type Product, type ProductRow, SELECT_PRODUCT, withTaxCodes } from './product-model.ts';

export const listProductsQuery = z.strictObject({
  ...pageQuery,
  /** Matches SKU, names and barcode (a scanned barcode finds its product), ignoring case and accents. */
  q: z.string().trim().max(100).optional(),
  kind: z.enum(PRODUCT_KINDS).optional(),
  archived: z.enum(['include', 'exclude', 'only']).default('exclude'),
});
export type ListProductsQuery = z.output<typeof listProductsQuery>;

/** The catalogue in name order. */
export async function listProducts(ctx: ServiceContext, query: ListProductsQuery): Promise<Page<Product>> {
  const after = decodeCursor(query.cursor, 2);
  const params: unknown[] = [ctx.companyId];
  const where = ['company_id = $1'];
  const add = (clause: (n: number) => string, value: unknown) => {
    params.push(value);
    where.push(clause(params.length));
  };
  if (query.q) add((n) => `search_text LIKE $${n}`, containsPattern(foldText(query.q)));
  if (query.kind) add((n) => `kind = $${n}`, query.kind);
  if (query.archived === 'exclude') where.push('archived_at IS NULL');
  if (query.archived === 'only') where.push('archived_at IS NOT NULL');
  if (after) {
    params.push(after[0], after[1]);
    where.push(`(name, id) > ($${params.length - 1}, $${params.length}::uuid)`);
  }
  params.push(query.limit + 1);
  return ctx.db.tenant(ctx.companyId, async (tx) => {
    const rows = await tx.query<ProductRow>(
      `${SELECT_PRODUCT} WHERE ${where.join(' AND ')} ORDER BY name, id LIMIT $${params.length}`,
      params,
    );
    const page = toPage(
      rows,
      query.limit,
      (r) => r,
      (r) => [r.name, r.id],
    );
    return { items: await withTaxCodes(tx, ctx.companyId, page.items), nextCursor: page.nextCursor };
  });
}
