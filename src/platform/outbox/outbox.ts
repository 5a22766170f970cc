import type { Database, Tx } from '../db/database.ts';
import { newId } from '../ids.ts';

/**
 * The transactional outbox. A business transaction records what happened with `publishEvent`; the event
 * row commits or rolls back with the change. After commit the dispatcher (`dispatchOutbox`, run by the
 * job runner's loop) hands each event to the subscribers of its type.
 *
 * Delivery is at-least-once: an event is marked dispatched only after every subscriber resolved. If a
 * subscriber throws, or the process dies mid-delivery, the event is delivered again later — to all of
 * its subscribers. Subscribers must therefore be idempotent (deduplicate on `event.id`) and short; long
 * work belongs in a job enqueued from the subscriber.
 */
export interface OutboxEvent<P = unknown> {
  id: string;
  companyId: string;
  type: string;
  payload: P;
  createdAt: Date;
  /** 1 on the first delivery, more on redeliveries. */
  attempt: number;
}

export interface DeliveryContext {
  db: Database;
}

export type OutboxHandler<P = unknown> = (event: OutboxEvent<P>, context: DeliveryContext) => Promise<void>;

const TYPE_PATTERN = /^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)+$/;

const subscribers = new Map<string, Set<OutboxHandler<unknown>>>();

function assertType(type: string): void {
  if (type.length > 100 || !TYPE_PATTERN.test(type)) {
    throw new Error(`Invalid event type "${type}": use dotted lower-case names like "invoice.issued"`);
  }
}

/** Records an event inside the business transaction. Returns the event id. */
export async function publishEvent(tx: Tx, companyId: string, type: string, payload: unknown): Promise<string> {
  assertType(type);
  let json: string | undefined;
  try {
    json = JSON.stringify(payload ?? null);
  } catch (err) {
    throw new Error(`The payload of event "${type}" is not JSON-serializable: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (json === undefined) throw new Error(`The payload of event "${type}" is not JSON-serializable`);
  const id = newId();
  await tx.query('INSERT INTO outbox_events (company_id, id, type, payload) VALUES ($1, $2, $3, $4::jsonb)', [companyId, id, type, json]);
  return id;
}

/**
 * Calls `handler` for every committed event of `type`, after the transaction that published it committed.
 * Subscriptions are per process; register them at start-up. Returns a function that unsubscribes.
 */
export function subscribe<P = unknown>(type: string, handler: OutboxHandler<P>): () => void {
  assertType(type);
  let set = subscribers.get(type);
  if (!set) {
    set = new Set();
    subscribers.set(type, set);
  }
  const h = handler as OutboxHandler<unknown>;
  set.add(h);
  return () => {
    subscribers.get(type)?.delete(h);
  };
}

/** The handlers of a type, in subscription order (a snapshot). */
export function subscribersOf(type: string): OutboxHandler<unknown>[] {
  return [...(subscribers.get(type) ?? [])];
}
