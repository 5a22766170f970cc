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
