import type { Database } from '../db/database.ts';
import { type OutboxEvent, subscribersOf } from './outbox.ts';

export interface DispatchLogger {
  warn(details: object, message: string): void;
}

export interface DispatchOptions {
  /** How long a claimed event stays hidden from other dispatchers while its subscribers run (60 s). */
  leaseMs?: number;
  /** First redelivery delay after a failure; doubles each attempt (5 s) … */
  retryBaseMs?: number;
  /** … up to this (1 h). A failing event is retried forever: the outbox never drops an event. */
  retryMaxMs?: number;
  logger?: DispatchLogger;
}

export interface DispatchResult {
  /** Events taken in this call. */
  claimed: number;
  /** Events every subscriber accepted (now marked dispatched). */
  dispatched: number;
  /** Events a subscriber refused (redelivered after a backoff). */
  failed: number;
}

interface EventRow {
  company_id: string;
  id: string;
  type: string;
  payload: unknown;
  created_at: Date;
  attempts: number;
}

export const OUTBOX_DEFAULTS = { leaseMs: 60_000, retryBaseMs: 5_000, retryMaxMs: 3_600_000 } as const;
const MAX_ERROR_LENGTH = 2000;

export function outboxRetryDelayMs(
  attempt: number,
  baseMs: number = OUTBOX_DEFAULTS.retryBaseMs,
  maxMs: number = OUTBOX_DEFAULTS.retryMaxMs,
): number {
  return Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
}

const defaultLogger: DispatchLogger = { warn: (details, message) => console.warn(message, details) };

/**
 * Delivers up to `limit` committed, undispatched events to their subscribers. Events are claimed in one
 * short transaction (`FOR UPDATE SKIP LOCKED`, so concurrent dispatchers — other runners, other processes —
 * take different events) by moving `available_at` one lease ahead; subscribers run outside any transaction;
 * each event is then marked dispatched, or scheduled for redelivery with exponential backoff if a subscriber
 * threw. A dispatcher that dies mid-delivery leaves its events to be redelivered when the lease runs out.
 */
export async function dispatchOutbox(db: Database, limit = 100, options: DispatchOptions = {}): Promise<DispatchResult> {
  if (!Number.isInteger(limit) || limit < 1) throw new Error('dispatchOutbox: limit must be a positive integer');
  const leaseMs = options.leaseMs ?? OUTBOX_DEFAULTS.leaseMs;
  const logger = options.logger ?? defaultLogger;
  const claimed = await db.system((tx) =>
    tx.query<EventRow>(
      `WITH ready AS (
         SELECT company_id, id FROM outbox_events
          WHERE dispatched_at IS NULL AND available_at <= now()
          ORDER BY available_at, created_at, id
          LIMIT $1
          FOR UPDATE SKIP LOCKED
       )
       UPDATE outbox_events AS o
          SET attempts = o.attempts + 1, available_at = now() + ($2::float8 * interval '1 millisecond')
         FROM ready
        WHERE o.company_id = ready.company_id AND o.id = ready.id
      RETURNING o.company_id, o.id, o.type, o.payload, o.created_at, o.attempts`,
      [limit, leaseMs],
    ),
  );
  claimed.sort((a, b) => new Date(a.created_at).getTime() - new Date(b.created_at).getTime() || a.id.localeCompare(b.id));

  const result: DispatchResult = { claimed: claimed.length, dispatched: 0, failed: 0 };
  for (const row of claimed) {
    const event: OutboxEvent = {
      id: row.id,
      companyId: row.company_id,
      type: row.type,
      payload: row.payload,
      createdAt: row.created_at,
      attempt: row.attempts,
    };
    const errors: string[] = [];
    for (const handler of subscribersOf(row.type)) {
      try {
        await handler(event, { db });
      } catch (err) {
        errors.push(err instanceof Error ? err.message : String(err));
        logger.warn(
          { err, eventId: row.id, companyId: row.company_id, type: row.type, attempt: row.attempts },
          'An outbox subscriber failed; the event will be redelivered',
        );
      }
    }
    // Guarded by the attempt number: if our lease ran out and another dispatcher re-claimed the event,
    // its outcome is the one that counts.
    if (errors.length === 0) {
      await db.system((tx) =>
        tx.query(
          `UPDATE outbox_events SET dispatched_at = now()
            WHERE company_id = $1 AND id = $2 AND attempts = $3 AND dispatched_at IS NULL`,
          [row.company_id, row.id, row.attempts],
        ),
      );
      result.dispatched += 1;
    } else {
      const message = errors.join('; ');
      const delay = outboxRetryDelayMs(row.attempts, options.retryBaseMs, options.retryMaxMs);
      await db.system((tx) =>
        tx.query(
          `UPDATE outbox_events SET available_at = now() + ($4::float8 * interval '1 millisecond'), last_error = $5
            WHERE company_id = $1 AND id = $2 AND attempts = $3 AND dispatched_at IS NULL`,
          [
            row.company_id,
            row.id,
            row.attempts,
            delay,
            message.length > MAX_ERROR_LENGTH ? `${message.slice(0, MAX_ERROR_LENGTH - 1)}…` : message,
          ],
        ),
      );
      result.failed += 1;
    }
  }
  return result;
}
