import type { Database } from '../db/database.ts';
import { chainedEvent, eventHash, GENESIS_HASH, type StoredEventRow } from './chain.ts';
import { sealAuditChain } from './seal.ts';

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBroken: { seq: string; reason: string } | null;
}

interface EventRow extends StoredEventRow {
  seq: string;
  prev_hash: string;
  hash: string;
}

const BATCH = 2000;

/**
 * Seals the events waiting in the intake, then recomputes the company's chain from the first event and
 * reports the first event that does not fit.
 */
export async function verifyAuditChain(db: Database, companyId: string, onProgress?: (checked: number) => void): Promise<VerifyResult> {
  await sealAuditChain(db, companyId);
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1n;
  let checked = 0;
  const broken = (seq: string, reason: string): VerifyResult => ({ ok: false, checked, firstBroken: { seq, reason } });
  for (;;) {
    const rows = await db.system((tx) =>
      tx.query<EventRow>(
        `SELECT seq, id, occurred_at, actor_id, actor_label, action, entity_type, entity_id, before, after,
                request_id, prev_hash, hash
           FROM audit_events WHERE company_id = $1 AND seq >= $2 ORDER BY seq LIMIT ${BATCH}`,
        [companyId, expectedSeq.toString()],
      ),
    );
    for (const row of rows) {
      if (BigInt(row.seq) !== expectedSeq) return broken(expectedSeq.toString(), `event ${expectedSeq} is missing`);
      if (row.prev_hash !== prevHash) return broken(row.seq, 'its previous-hash does not match the event before it');
      if (eventHash(prevHash, chainedEvent(companyId, row.seq, row)) !== row.hash)
        return broken(row.seq, 'its content does not match its hash');
      prevHash = row.hash;
      expectedSeq += 1n;
      checked += 1;
    }
    onProgress?.(checked);
    if (rows.length < BATCH) break;
  }
  const [head] = await db.system((tx) =>
    tx.query<{ last_seq: string; last_hash: string }>('SELECT last_seq, last_hash FROM audit_heads WHERE company_id = $1', [companyId]),
  );
  const headSeq = head ? BigInt(head.last_seq) : 0n;
  if (headSeq !== expectedSeq - 1n || (head && head.last_hash !== prevHash)) {
    return broken((expectedSeq - 1n).toString(), `the chain head says ${headSeq} events but ${checked} were found`);
  }
  return { ok: true, checked, firstBroken: null };
}
