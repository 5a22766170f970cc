import { afterEach, beforeAll, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { startJobRunner } from '../jobs/runner.ts';
import { memoryLogger, migrateJobs, newCompany, secondConnection, waitFor } from '../jobs/testing.ts';
import { describeEachEngine } from '../testing/engines.ts';
import { dispatchOutbox, type OutboxEvent, publishEvent, subscribe } from './index.ts';

const unsubscribers: (() => void)[] = [];
afterEach(() => {
  for (const off of unsubscribers.splice(0)) off();
});

let seq = 0;
const eventType = () => {
  seq += 1;
  return `test.event${seq}`;
};

interface Row {
  dispatched_at: Date | null;
  attempts: number;
  last_error: string | null;
  available_in_ms: number;
}
const row = async (db: Database, id: string): Promise<Row> => {
  const [r] = await db.query<Row>(
    `SELECT dispatched_at, attempts, last_error, (extract(epoch FROM available_at - now()) * 1000)::float8 AS available_in_ms
       FROM outbox_events WHERE id = $1`,
    [id],
  );
  if (!r) throw new Error('event not found');
  return r;
};

describeEachEngine('outbox', (use, engine) => {
  let companyId: string;
  const quiet = { logger: memoryLogger() };
  beforeAll(async () => {
    await migrateJobs(use());
    companyId = await newCompany(use());
  });

  it('delivers an event only after its transaction commits, and exactly once when subscribers succeed', async () => {
    const db = use();
    const type = eventType();
    const seen: OutboxEvent[] = [];
    unsubscribers.push(subscribe<{ invoice: string }>(type, async (event) => void seen.push(event)));

    let eventId = '';
    await db.tenant(companyId, async (tx) => {
      eventId = await publishEvent(tx, companyId, type, { invoice: 'F-1' });
      expect(seen).toHaveLength(0);
    });
    expect(seen).toHaveLength(0); // publishing never calls subscribers itself
    const result = await dispatchOutbox(db, 10, quiet);
    expect(result).toEqual({ claimed: 1, dispatched: 1, failed: 0 });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ id: eventId, companyId, type, payload: { invoice: 'F-1' }, attempt: 1 });
    expect((await row(db, eventId)).dispatched_at).not.toBeNull();
    expect(await dispatchOutbox(db, 10, quiet)).toEqual({ claimed: 0, dispatched: 0, failed: 0 });
    expect(seen).toHaveLength(1);
  });

  it('publishes nothing from a rolled-back transaction', async () => {
    const db = use();
    const type = eventType();
    let calls = 0;
    unsubscribers.push(
      subscribe(type, async () => {
        calls += 1;
      }),
    );
    await expect(
      db.tenant(companyId, async (tx) => {
        await publishEvent(tx, companyId, type, { doomed: true });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await db.query('SELECT 1 FROM outbox_events WHERE type = $1', [type])).toHaveLength(0);
    await dispatchOutbox(db, 10, quiet);
    expect(calls).toBe(0);
  });

  it.runIf(engine === 'postgres')('does not see an event while its transaction is still open (another connection)', async () => {
    const db = use();
    const other = await secondConnection(db);
    try {
      const type = eventType();
      let calls = 0;
      unsubscribers.push(
        subscribe(type, async () => {
          calls += 1;
        }),
      );
      await db.tenant(companyId, async (tx) => {
        await publishEvent(tx, companyId, type, {});
        const during = await dispatchOutbox(other, 10, quiet);
        expect(during.claimed).toBe(0);
      });
      expect(calls).toBe(0);
      expect((await dispatchOutbox(other, 10, quiet)).dispatched).toBe(1);
      expect(calls).toBe(1);
    } finally {
      await other.close();
    }
  });

  it('keeps an event whose subscriber failed and redelivers it after a backoff (at-least-once)', async () => {
    const db = use();
    const type = eventType();
    const attempts: number[] = [];
    let okCalls = 0;
    unsubscribers.push(
      subscribe(type, async (event) => {
        attempts.push(event.attempt);
        if (event.attempt < 2) throw new Error('mail server unreachable');
      }),
    );
    unsubscribers.push(
      subscribe(type, async () => {
        okCalls += 1;
      }),
    );
    const id = await db.tenant(companyId, (tx) => publishEvent(tx, companyId, type, { n: 1 }));

    const logger = memoryLogger();
    expect(await dispatchOutbox(db, 10, { retryBaseMs: 30_000, logger })).toEqual({ claimed: 1, dispatched: 0, failed: 1 });
    let r = await row(db, id);
    expect(r).toMatchObject({ dispatched_at: null, attempts: 1, last_error: 'mail server unreachable' });
    expect(r.available_in_ms).toBeGreaterThan(25_000);
    expect(logger.entries).toHaveLength(1);
    expect((await dispatchOutbox(db, 10, quiet)).claimed).toBe(0); // backing off

    await db.query('UPDATE outbox_events SET available_at = now() WHERE id = $1', [id]);
    expect(await dispatchOutbox(db, 10, quiet)).toEqual({ claimed: 1, dispatched: 1, failed: 0 });
    r = await row(db, id);
    expect(r.dispatched_at).not.toBeNull();
    expect(r.attempts).toBe(2);
    expect(attempts).toEqual([1, 2]);
    expect(okCalls).toBe(2); // redelivery goes to every subscriber: they must be idempotent
  });

  it('redelivers an event whose dispatcher died mid-delivery once the lease runs out', async () => {
    const db = use();
    const type = eventType();
    const seen: number[] = [];
    unsubscribers.push(subscribe(type, async (event) => void seen.push(event.attempt)));
    const id = await db.tenant(companyId, (tx) => publishEvent(tx, companyId, type, {}));
    // A dispatcher claimed it (lease still running) and then its process was killed.
    await db.query(`UPDATE outbox_events SET attempts = 1, available_at = now() + interval '1 hour' WHERE id = $1`, [id]);
    expect((await dispatchOutbox(db, 10, quiet)).claimed).toBe(0);
    await db.query(`UPDATE outbox_events SET available_at = now() - interval '1 second' WHERE id = $1`, [id]);
    expect((await dispatchOutbox(db, 10, quiet)).dispatched).toBe(1);
    expect(seen).toEqual([2]);
  });

  it('takes each event once across concurrent dispatchers, in batches of the given size', async () => {
    const db = use();
    const other = engine === 'postgres' ? await secondConnection(db) : db;
    try {
      const type = eventType();
      const counts = new Map<string, number>();
      unsubscribers.push(
        subscribe(type, async (event) => {
          counts.set(event.id, (counts.get(event.id) ?? 0) + 1);
          await new Promise((resolve) => setTimeout(resolve, 2));
        }),
      );
      await db.tenant(companyId, async (tx) => {
        for (let i = 0; i < 30; i += 1) await publishEvent(tx, companyId, type, { i });
      });
      const drain = async (d: Database) => {
        let total = 0;
        for (;;) {
          const r = await dispatchOutbox(d, 4, quiet);
          expect(r.claimed).toBeLessThanOrEqual(4);
          total += r.dispatched;
          if (r.claimed === 0) return total;
        }
      };
      const [a, b] = await Promise.all([drain(db), drain(other)]);
      expect(a + b).toBe(30);
      expect(counts.size).toBe(30);
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
    } finally {
      if (other !== db) await other.close();
    }
  });

  it('is dispatched by the job runner loop', async () => {
    const db = use();
    const type = eventType();
    const seen: unknown[] = [];
    unsubscribers.push(subscribe(type, async (event) => void seen.push(event.payload)));
    const runner = startJobRunner(db, { pollMs: 20, logger: memoryLogger() });
    try {
      await db.tenant(companyId, (tx) => publishEvent(tx, companyId, type, { via: 'runner' }));
      await waitFor(async () => seen.length === 1);
      expect(seen).toEqual([{ via: 'runner' }]);
    } finally {
      await runner.stop();
    }
  });

  it('refuses malformed event types and unserializable payloads', async () => {
    const db = use();
    expect(() => subscribe('NoDots', async () => {})).toThrow(/Invalid event type/);
    await expect(db.tenant(companyId, (tx) => publishEvent(tx, companyId, 'bad type', {}))).rejects.toThrow(/Invalid event type/);
    await expect(db.tenant(companyId, (tx) => publishEvent(tx, companyId, 'test.bigint', { n: 1n }))).rejects.toThrow(
      /not JSON-serializable/,
    );
  });
});
