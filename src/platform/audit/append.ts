import type { Tx } from '../db/database.ts';
import { newId } from '../ids.ts';
import type { Actor } from './actor.ts';
import { asStoredJson } from './chain.ts';
import { sealAuditChain } from './seal.ts';

export interface AuditInput {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Records one event inside the caller's transaction, so the change and its record commit or roll back
 * together. The event waits in the company's intake until the transaction commits; then it is sealed into
 * the hash chain (see 0003_audit_intake.sql), before the caller's `tenant`/`system` call returns. Appending
 * takes no lock, so concurrent mutations of one company don't queue on their audit records.
 */
export async function appendAudit(tx: Tx, companyId: string, actor: Actor, input: AuditInput): Promise<void> {
  const before = asStoredJson(input.before);
  const after = asStoredJson(input.after);
  await tx.query(
    `INSERT INTO audit_intake (company_id, id, occurred_at, actor_id, actor_label, action, entity_type, entity_id, before, after, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      companyId,
      newId(),
      new Date().toISOString(),
      actor.userId,
      actor.label,
      input.action,
      input.entityType,
      input.entityId ?? null,
      before === null ? null : JSON.stringify(before),
      after === null ? null : JSON.stringify(after),
      actor.requestId ?? null,
    ],
  );
  tx.afterCommit(`audit.seal:${companyId}`, (db) => sealAuditChain(db, companyId));
}
