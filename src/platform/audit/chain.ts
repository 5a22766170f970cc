import canonicalize from 'canonicalize';
import { sha256Hex } from '../ids.ts';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit event that its hash covers. */
export interface ChainedEvent {
  companyId: string;
  seq: string;
  id: string;
  occurredAt: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

/** hash = sha256(prev_hash ‖ canonical JSON (RFC 8785) of the event). */
export function eventHash(prevHash: string, event: ChainedEvent): string {
  return sha256Hex(prevHash + canonicalize(event));
}

/** What jsonb will give back: drops undefined, turns dates into strings. Hash exactly what is stored. */
export function asStoredJson(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

/** An audit event as the database holds it (in `audit_events`, or waiting in `audit_intake`). */
export interface StoredEventRow {
  id: string;
  occurred_at: Date | string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
}

/** The hashed fields of a stored event at position `seq` of its company's chain. */
export function chainedEvent(companyId: string, seq: string, row: StoredEventRow): ChainedEvent {
  return {
    companyId,
    seq,
    id: row.id,
    occurredAt: new Date(row.occurred_at).toISOString(),
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before,
    after: row.after,
    requestId: row.request_id,
  };
}
