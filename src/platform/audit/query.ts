import type { ServiceContext } from '../context.ts';
import { decodeCursor, type Page, toPage } from '../pagination.ts';
import type { StoredEventRow } from './chain.ts';
import { sealAuditChain } from './seal.ts';

export interface AuditEventView {
  seq: string;
  id: string;
  occurredAt: Date;
  actorId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  hash: string;
}

export interface AuditFilter {
  limit: number;
  cursor?: string | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  actor?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

interface Row extends StoredEventRow {
  seq: string;
  occurred_at: Date;
  hash: string;
}

/** The company's audit events, newest first, filtered. `action` matches a prefix ("user." finds all user events). */
export async function listAuditEvents(ctx: ServiceContext, filter: AuditFilter): Promise<Page<AuditEventView>> {
  const params: unknown[] = [ctx.companyId];
  const where = ['company_id = $1'];
  const add = (clause: (n: number) => string, value: unknown) => {
    params.push(value);
    where.push(clause(params.length));
  };
  const like = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
  if (filter.action) add((n) => `action LIKE $${n}`, `${like(filter.action)}%`);
  if (filter.entityType) add((n) => `entity_type = $${n}`, filter.entityType);
  if (filter.entityId) add((n) => `entity_id = $${n}`, filter.entityId);
  if (filter.actor) add((n) => `actor_label ILIKE $${n}`, `%${like(filter.actor)}%`);
  if (filter.from) add((n) => `occurred_at >= $${n}::timestamptz`, filter.from);
  if (filter.to) {
    // A bare date means "up to and including that day".
    const wholeDay = /^\d{4}-\d{2}-\d{2}$/.test(filter.to);
    add((n) => (wholeDay ? `occurred_at < ($${n}::date + 1)` : `occurred_at < $${n}::timestamptz`), filter.to);
  }
  const after = decodeCursor(filter.cursor, 1);
  if (after) add((n) => `seq < $${n}::bigint`, after[0]);
  params.push(filter.limit + 1);
  // Events committed but not yet sealed would otherwise be missing from the list.
  await sealAuditChain(ctx.db, ctx.companyId);
  const rows = await ctx.db.tenant(ctx.companyId, (tx) =>
    tx.query<Row>(
      `SELECT seq, id, occurred_at, actor_id, actor_label, action, entity_type, entity_id, before, after, request_id, hash
         FROM audit_events WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT $${params.length}`,
      params,
    ),
  );
  return toPage(
    rows,
    filter.limit,
    (r) => ({
      seq: r.seq,
      id: r.id,
      occurredAt: r.occurred_at,
      actorId: r.actor_id,
      actorLabel: r.actor_label,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      before: r.before,
      after: r.after,
      requestId: r.request_id,
      hash: r.hash,
    }),
    (r) => [r.seq],
  );
}
