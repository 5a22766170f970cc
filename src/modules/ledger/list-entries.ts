import { z } from 'zod';
import type { ServiceContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { decodeCursor, type Page, pageQuery, toPage } from '../../platform/pagination.ts';
import { type Entry, type EntryRow, loadEntry, SELECT_ENTRY, withLines } from './entry-model.ts';

export const listEntriesQuery = z.strictObject({
  ...pageQuery,
  status: z.enum(['draft', 'posted']).optional(),
  journalCode: z.string().max(20).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export type ListEntriesQuery = z.output<typeof listEntriesQuery>;

/** Entries, newest date first, with their lines. */
export async function listEntries(ctx: ServiceContext, query: ListEntriesQuery): Promise<Page<Entry>> {
  const after = decodeCursor(query.cursor, 2);
  const params: unknown[] = [ctx.companyId];
  const where = ['e.company_id = $1'];
  const add = (clause: (n: number) => string, value: unknown) => {
    params.push(value);
    where.push(clause(params.length));
  };
  if (query.status) add((n) => `e.status = $${n}`, query.status);
  if (query.journalCode) add((n) => `j.code = $${n}`, query.journalCode);
  if (query.from) add((n) => `e.date >= $${n}::date`, query.from);
  if (query.to) add((n) => `e.date <= $${n}::date`, query.to);
  if (after) {
    params.push(after[0], after[1]);
    where.push(`(e.date, e.id) < ($${params.length - 1}::date, $${params.length}::uuid)`);
  }
  params.push(query.limit + 1);
  return ctx.db.tenant(ctx.companyId, async (tx) => {
    const rows = await tx.query<EntryRow>(
      `${SELECT_ENTRY} WHERE ${where.join(' AND ')} ORDER BY e.date DESC, e.id DESC LIMIT $${params.length}`,
      params,
    );
    const entries = await withLines(tx, ctx.companyId, rows);
    return toPage(
      entries,
      query.limit,
      (e) => e,
      (e) => [e.date, e.id],
    );
  });
}

export async function getEntry(ctx: ServiceContext, id: string): Promise<Entry> {
  const entry = await ctx.db.tenant(ctx.companyId, (tx) => loadEntry(tx, ctx.companyId, id));
  if (!entry) throw notFound('Journal entry');
  return entry;
}
