import type { Tx } from '../db/database.ts';
import { newId } from '../ids.ts';
import type { Actor } from './actor.ts';
import { asStoredJson, type ChainedEvent, eventHash, GENESIS_HASH } from './chain.ts';

export interface AuditInput {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Appends one event to the company's chain inside the caller's transaction, so the change and its
 * audit record commit or roll back together. Locking the chain head serializes a company's appends.
 */
export async function appendAudit(tx: Tx, companyId: string, actor: Actor, input: AuditInput): Promise<void> {
  await tx.query('INSERT INTO audit_heads (company_id, last_seq, last_hash) VALUES ($1, 0, $2) ON CONFLICT DO NOTHING', [
    companyId,
    GENESIS_HASH,
  ]);
  const [head] = await tx.query<{ last_seq: string; last_hash: string }>(
    'SELECT last_seq, last_hash FROM audit_heads WHERE company_id = $1 FOR UPDATE',
    [companyId],
  );
  if (!head) throw new Error('audit head vanished');
  const event: ChainedEvent = {
    companyId,
    seq: (BigInt(head.last_seq) + 1n).toString(),
    id: newId(),
    occurredAt: new Date().toISOString(),
    actorId: actor.userId,
    actorLabel: actor.label,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    before: asStoredJson(input.before),
    after: asStoredJson(input.after),
    requestId: actor.requestId ?? null,
  };
  const hash = eventHash(head.last_hash, event);
  await tx.query(
    `INSERT INTO audit_events (company_id, seq, id, occurred_at, actor_id, actor_label, action, entity_type,
       entity_id, before, after, request_id, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      companyId,
      event.seq,
      event.id,
      event.occurredAt,
      event.actorId,
      event.actorLabel,
      event.action,
      event.entityType,
      event.entityId,
      event.before === null ? null : JSON.stringify(event.before),
      event.after === null ? null : JSON.stringify(event.after),
      event.requestId,
      head.last_hash,
      hash,
    ],
  );
  await tx.query('UPDATE audit_heads SET last_seq = $2, last_hash = $3 WHERE company_id = $1', [companyId, event.seq, hash]);
}
