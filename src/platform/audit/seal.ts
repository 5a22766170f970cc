import type { Database } from '../db/database.ts';
import { chainedEvent, eventHash, GENESIS_HASH, type StoredEventRow } from './chain.ts';

const BATCH = 1000;

interface IntakeRow extends StoredEventRow {
  intake: string;
}

/**
 * Moves the company's committed intake into its hash chain, oldest first, in one transaction: locks the
 * chain head (so sealers take turns and the chain stays linear), numbers and hashes the events, appends
 * them and empties what it sealed from the intake. Returns how many events it sealed.
 */
async function sealOnce(db: Database, companyId: string): Promise<number> {
  return db.tenant(companyId, async (tx) => {
    await tx.query(`SELECT set_config('app.audit_sealing', 'on', true)`);
    await tx.query('INSERT INTO audit_heads (company_id, last_seq, last_hash) VALUES ($1, 0, $2) ON CONFLICT DO NOTHING', [
      companyId,
      GENESIS_HASH,
    ]);
    const [head] = await tx.query<{ last_seq: string; last_hash: string }>(
      'SELECT last_seq, last_hash FROM audit_heads WHERE company_id = $1 FOR UPDATE',
      [companyId],
    );
    if (!head) throw new Error('audit head vanished');
    let seq = BigInt(head.last_seq);
    let hash = head.last_hash;
    let sealed = 0;
    for (;;) {
      const rows = await tx.query<IntakeRow>(
        `DELETE FROM audit_intake WHERE company_id = $1
            AND intake IN (SELECT intake FROM audit_intake WHERE company_id = $1 ORDER BY intake LIMIT ${BATCH})
         RETURNING intake, id, occurred_at, actor_id, actor_label, action, entity_type, entity_id, before, after, request_id`,
        [companyId],
      );
      if (rows.length === 0) break;
      rows.sort((a, b) => (BigInt(a.intake) < BigInt(b.intake) ? -1 : 1));
      const seqs: string[] = [];
      const prevHashes: string[] = [];
      const hashes: string[] = [];
      for (const row of rows) {
        seq += 1n;
        const next = eventHash(hash, chainedEvent(companyId, seq.toString(), row));
        seqs.push(seq.toString());
        prevHashes.push(hash);
        hashes.push(next);
        hash = next;
      }
      await tx.query(
        `INSERT INTO audit_events (company_id, seq, id, occurred_at, actor_id, actor_label, action, entity_type, entity_id, before, after,
                                   request_id, prev_hash, hash)
         SELECT $1, u.* FROM unnest($2::bigint[], $3::uuid[], $4::timestamptz[], $5::uuid[], $6::text[], $7::text[], $8::text[], $9::text[],
                                    $10::jsonb[], $11::jsonb[], $12::text[], $13::text[], $14::text[])
           AS u (seq, id, occurred_at, actor_id, actor_label, action, entity_type, entity_id, before, after, request_id, prev_hash, hash)`,
        [
          companyId,
          seqs,
          rows.map((r) => r.id),
          rows.map((r) => new Date(r.occurred_at).toISOString()),
          rows.map((r) => r.actor_id),
          rows.map((r) => r.actor_label),
          rows.map((r) => r.action),
          rows.map((r) => r.entity_type),
          rows.map((r) => r.entity_id),
          rows.map((r) => (r.before === null ? null : JSON.stringify(r.before))),
          rows.map((r) => (r.after === null ? null : JSON.stringify(r.after))),
          rows.map((r) => r.request_id),
          prevHashes,
          hashes,
        ],
      );
      sealed += rows.length;
      if (rows.length < BATCH) break;
    }
    if (sealed > 0) {
      await tx.query('UPDATE audit_heads SET last_seq = $2, last_hash = $3 WHERE company_id = $1', [companyId, seq.toString(), hash]);
    }
    return sealed;
  });
}

/**
 * One company's sealing in this process, coalesced: a request made while a seal runs is served by the
 * next seal, which starts when the running one ends and covers every request made in between. So under
 * load a seal takes whole batches of events instead of one transaction per event.
 */
class CompanySealer {
  private running: Promise<unknown> | null = null;
  private queued: Promise<void> | null = null;

  constructor(
    private readonly db: Database,
    private readonly companyId: string,
  ) {}

  request(): Promise<void> {
    if (!this.running) return this.start();
    this.queued ??= this.running
      .catch(() => {})
      .then(() => {
        this.queued = null;
        return this.start();
      });
    return this.queued;
  }

  private start(): Promise<void> {
    const run = sealOnce(this.db, this.companyId).finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run.then(() => undefined);
  }
}

const sealers = new WeakMap<Database, Map<string, CompanySealer>>();

/**
 * Seals every event of the company committed before the call (see 0003_audit_intake.sql). Safe to call
 * any time and from several processes: sealers take turns on the chain head.
 */
export function sealAuditChain(db: Database, companyId: string): Promise<void> {
  let byCompany = sealers.get(db);
  if (!byCompany) {
    byCompany = new Map();
    sealers.set(db, byCompany);
  }
  let sealer = byCompany.get(companyId);
  if (!sealer) {
    sealer = new CompanySealer(db, companyId);
    byCompany.set(companyId, sealer);
  }
  return sealer.request();
}

/** Seals every company's waiting events, e.g. those a process left behind when it stopped right after a commit. */
export async function sealAllAuditChains(db: Database): Promise<void> {
  const companies = await db.system((tx) => tx.query<{ company_id: string }>('SELECT DISTINCT company_id FROM audit_intake'));
  for (const { company_id } of companies) await sealAuditChain(db, company_id);
}
