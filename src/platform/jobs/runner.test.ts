import { afterEach, beforeAll, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { describeEachEngine } from '../testing/engines.ts';
import { enqueueJob } from './enqueue.ts';
import { registerJobType, unregisterJobType } from './registry.ts';
import { PermanentJobError, retryDelayMs, startJobRunner } from './runner.ts';
import { deferred, memoryLogger, migrateJobs, newCompany, secondConnection, waitFor } from './testing.ts';

interface JobState {
  status: string;
  attempts: number;
  progress: number;
  progress_message: string | null;
  last_error: string | null;
  result: unknown;
  locked_by: string | null;
  run_after_in_ms: number;
  finished_at: Date | null;
}

const state = async (db: Database, companyId: string, id: string): Promise<JobState> => {
  const [row] = await db.query<JobState>(
    `SELECT status, attempts, progress, progress_message, last_error, result, locked_by, finished_at,
            (extract(epoch FROM run_after - now()) * 1000)::float8 AS run_after_in_ms
       FROM jobs WHERE company_id = $1 AND id = $2`,
    [companyId, id],
  );
  if (!row) throw new Error('job not found');
  return row;
};

const enqueue = (db: Database, companyId: string, name: string, payload: unknown = {}, maxAttempts?: number) =>
  db.tenant(companyId, (tx) => enqueueJob(tx, companyId, { name, payload, ...(maxAttempts ? { maxAttempts } : {}) }));

/** Makes a queued-with-backoff job ready now, as the passing of time would. */
const makeDue = (db: Database, id: string) => db.query(`UPDATE jobs SET run_after = now() WHERE id = $1`, [id]);

let seq = 0;
const registered: string[] = [];
function jobType(def: Parameters<typeof registerJobType>[1]): string {
  seq += 1;
  const name = `test.job${seq}`;
  registerJobType(name, def);
  registered.push(name);
  return name;
}

afterEach(() => {
  for (const name of registered.splice(0)) unregisterJobType(name);
});

describeEachEngine('job runner', (use) => {
  let companyId: string;
  beforeAll(async () => {
    await migrateJobs(use());
    companyId = await newCompany(use());
  });

  it('runs a job to success, storing its result and the progress it reported while running', async () => {
    const db = use();
    const reached = deferred();
    const release = deferred();
    const name = jobType({
      async run(job) {
        await job.reportProgress(42.4, 'half way');
        reached.resolve();
        await release.promise;
        return { echoed: job.payload, attempt: job.attempt, company: job.companyId };
      },
    });
    const job = await enqueue(db, companyId, name, { n: 7 });
    expect(job.status).toBe('queued');
    const runner = startJobRunner(db, { background: false, logger: memoryLogger() });
    const run = runner.runOnce();
    await reached.promise;
    const during = await state(db, companyId, job.id);
    expect(during).toMatchObject({
      status: 'running',
      attempts: 1,
      progress: 42,
      progress_message: 'half way',
      locked_by: runner.workerId,
    });
    release.resolve();
    expect(await run).toBe(1);
    const after = await state(db, companyId, job.id);
    expect(after).toMatchObject({ status: 'succeeded', attempts: 1, progress: 100, locked_by: null, last_error: null });
    expect(after.result).toEqual({ echoed: { n: 7 }, attempt: 1, company: companyId });
    expect(after.finished_at).not.toBeNull();
    expect(await runner.runOnce()).toBe(0);
  });

  it('retries a failing job with exponential backoff, then succeeds', async () => {
    const db = use();
    const attempts: number[] = [];
    const name = jobType({
      maxAttempts: 5,
      async run(job) {
        attempts.push(job.attempt);
        if (job.attempt < 3) throw new Error(`boom ${job.attempt}`);
        return 'done';
      },
    });
    const job = await enqueue(db, companyId, name);
    const logger = memoryLogger();
    const runner = startJobRunner(db, { background: false, retryBaseMs: 60_000, logger });

    await runner.runOnce();
    let s = await state(db, companyId, job.id);
    expect(s).toMatchObject({ status: 'queued', attempts: 1, last_error: 'boom 1', locked_by: null });
    expect(s.run_after_in_ms).toBeGreaterThan(55_000);
    expect(s.run_after_in_ms).toBeLessThanOrEqual(60_000);
    expect(await runner.runOnce()).toBe(0); // not due yet

    await makeDue(db, job.id);
    await runner.runOnce();
    s = await state(db, companyId, job.id);
    expect(s).toMatchObject({ status: 'queued', attempts: 2, last_error: 'boom 2' });
    expect(s.run_after_in_ms).toBeGreaterThan(115_000); // doubled
    expect(s.run_after_in_ms).toBeLessThanOrEqual(120_000);

    await makeDue(db, job.id);
    await runner.runOnce();
    s = await state(db, companyId, job.id);
    expect(s).toMatchObject({ status: 'succeeded', attempts: 3, result: 'done' });
    expect(attempts).toEqual([1, 2, 3]);
    expect(logger.entries.filter((e) => e.level === 'error')).toHaveLength(2);
  });

  it('marks a job failed with its last error once its attempts are used up', async () => {
    const db = use();
    let runs = 0;
    const name = jobType({
      maxAttempts: 2,
      async run() {
        runs += 1;
        throw new TypeError(`bad input ${runs}`);
      },
    });
    const job = await enqueue(db, companyId, name);
    const runner = startJobRunner(db, { background: false, retryBaseMs: 1, logger: memoryLogger() });
    await runner.runOnce();
    expect((await state(db, companyId, job.id)).status).toBe('queued');
    await makeDue(db, job.id);
    await runner.runOnce();
    const s = await state(db, companyId, job.id);
    expect(s).toMatchObject({ status: 'failed', attempts: 2, last_error: 'TypeError: bad input 2', locked_by: null });
    expect(s.finished_at).not.toBeNull();
    await makeDue(db, job.id);
    expect(await runner.runOnce()).toBe(0);
    expect(runs).toBe(2);
  });

  it('fails at once on a PermanentJobError, and an enqueue may lower maxAttempts', async () => {
    const db = use();
    const permanent = jobType({
      maxAttempts: 5,
      async run() {
        throw new PermanentJobError('the invoice no longer exists');
      },
    });
    const flaky = jobType({
      maxAttempts: 5,
      async run() {
        throw new Error('nope');
      },
    });
    const a = await enqueue(db, companyId, permanent);
    const b = await enqueue(db, companyId, flaky, {}, 1);
    const runner = startJobRunner(db, { background: false, concurrency: 4, logger: memoryLogger() });
    expect(await runner.runOnce()).toBe(2);
    expect(await state(db, companyId, a.id)).toMatchObject({
      status: 'failed',
      attempts: 1,
      last_error: 'PermanentJobError: the invoice no longer exists',
    });
    expect(await state(db, companyId, b.id)).toMatchObject({ status: 'failed', attempts: 1, last_error: 'nope' });
  });

  it('refuses unknown job names and bad options at enqueue time, and a rolled-back enqueue leaves no job', async () => {
    const db = use();
    const err = await db.tenant(companyId, (tx) => enqueueJob(tx, companyId, { name: 'no.such.job' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('VALIDATION_FAILED');
    expect((err as AppError).errors[0]?.path).toBe('name');

    const name = jobType({ run: async () => null });
    const bad = await db.tenant(companyId, (tx) => enqueueJob(tx, companyId, { name, maxAttempts: 0 })).catch((e: unknown) => e);
    expect((bad as AppError).code).toBe('VALIDATION_FAILED');

    await expect(
      db.tenant(companyId, async (tx) => {
        await enqueueJob(tx, companyId, { name, payload: { marker: 'rolled-back' } });
        throw new Error('business rule refused');
      }),
    ).rejects.toThrow('business rule refused');
    const rows = await db.query(`SELECT 1 FROM jobs WHERE payload->>'marker' = 'rolled-back'`);
    expect(rows).toHaveLength(0);
  });

  it('does not run a job before its runAfter', async () => {
    const db = use();
    let ran = false;
    const name = jobType({
      async run() {
        ran = true;
      },
    });
    const job = await db.tenant(companyId, (tx) => enqueueJob(tx, companyId, { name, runAfter: new Date(Date.now() + 3_600_000) }));
    const runner = startJobRunner(db, { background: false, logger: memoryLogger() });
    expect(await runner.runOnce()).toBe(0);
    await makeDue(db, job.id);
    expect(await runner.runOnce()).toBe(1);
    expect(ran).toBe(true);
  });

  it('picks up a job whose worker died mid-run once its lease expires, and fails it if that was its last attempt', async () => {
    const db = use();
    const seen: number[] = [];
    const name = jobType({
      maxAttempts: 3,
      async run(job) {
        seen.push(job.attempt);
        return 'recovered';
      },
    });
    const crashed = await enqueue(db, companyId, name);
    const alive = await enqueue(db, companyId, name);
    const poisoned = await enqueue(db, companyId, name);
    // What a killed process leaves behind: running, leased to it, never finished.
    await db.query(
      `UPDATE jobs SET status = 'running', attempts = 1, locked_by = 'dead-worker', locked_until = now() - interval '1 second' WHERE id = $1`,
      [crashed.id],
    );
    await db.query(
      `UPDATE jobs SET status = 'running', attempts = 1, locked_by = 'busy-worker', locked_until = now() + interval '1 hour' WHERE id = $1`,
      [alive.id],
    );
    await db.query(
      `UPDATE jobs SET status = 'running', attempts = 3, locked_by = 'dead-worker', locked_until = now() - interval '1 second' WHERE id = $1`,
      [poisoned.id],
    );

    const logger = memoryLogger();
    const runner = startJobRunner(db, { background: false, concurrency: 5, logger });
    expect(await runner.runOnce()).toBe(1);
    const recovered = await state(db, companyId, crashed.id);
    expect(recovered).toMatchObject({ status: 'succeeded', attempts: 2, result: 'recovered' });
    expect(recovered.last_error).toContain('dead-worker');
    expect(seen).toEqual([2]);
    expect(await state(db, companyId, alive.id)).toMatchObject({ status: 'running', locked_by: 'busy-worker', attempts: 1 });
    const dead = await state(db, companyId, poisoned.id);
    expect(dead).toMatchObject({ status: 'failed', attempts: 3, locked_by: null });
    expect(dead.last_error).toContain('did not finish');
    expect(logger.entries.some((e) => e.message.includes('lease expired'))).toBe(true);
    await db.query(`UPDATE jobs SET status = 'cancelled', locked_by = NULL, locked_until = NULL WHERE id = $1`, [alive.id]);
  });

  it('renews the lease while a long job runs, so no other runner takes it', async () => {
    const db = use();
    let runs = 0;
    const name = jobType({
      async run() {
        runs += 1;
        await new Promise((resolve) => setTimeout(resolve, 900));
        return runs;
      },
    });
    const job = await enqueue(db, companyId, name);
    const first = startJobRunner(db, { background: false, leaseMs: 300, logger: memoryLogger() });
    const second = startJobRunner(db, { background: false, leaseMs: 300, logger: memoryLogger() });
    const run = first.runOnce();
    await waitFor(async () => (await state(db, companyId, job.id)).status === 'running');
    const deadline = Date.now() + 700;
    while (Date.now() < deadline) {
      expect(await second.runOnce()).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await run;
    expect(runs).toBe(1);
    expect(await state(db, companyId, job.id)).toMatchObject({ status: 'succeeded', attempts: 1, result: 1 });
  });

  it('discards the outcome of a worker that lost its lease, and tells the job through reportProgress', async () => {
    const db = use();
    const started = deferred();
    const release = deferred();
    let progressError: unknown = null;
    const name = jobType({
      async run(job) {
        started.resolve();
        await release.promise;
        await job.reportProgress(50).catch((err: unknown) => {
          progressError = err;
        });
        return 'stale';
      },
    });
    const job = await enqueue(db, companyId, name);
    const logger = memoryLogger();
    const runner = startJobRunner(db, { background: false, logger });
    const run = runner.runOnce();
    await started.promise;
    // Another worker presumed this one dead and took the job over.
    await db.query(`UPDATE jobs SET locked_by = 'usurper', attempts = 2 WHERE id = $1`, [job.id]);
    release.resolve();
    await run;
    expect((progressError as Error | null)?.name).toBe('JobLeaseLostError');
    expect(await state(db, companyId, job.id)).toMatchObject({ status: 'running', locked_by: 'usurper', result: null });
    expect(logger.entries.some((e) => e.message.includes('lease was lost'))).toBe(true);
    await db.query(`UPDATE jobs SET status = 'cancelled', locked_by = NULL, locked_until = NULL WHERE id = $1`, [job.id]);
  });

  it('fails the attempt of a job whose type this worker does not know', async () => {
    const db = use();
    const name = jobType({ run: async () => 'never' });
    const job = await enqueue(db, companyId, name, {}, 1);
    unregisterJobType(name);
    const runner = startJobRunner(db, { background: false, logger: memoryLogger() });
    await runner.runOnce();
    const s = await state(db, companyId, job.id);
    expect(s.status).toBe('failed');
    expect(s.last_error).toContain(`does not know the job type "${name}"`);
  });

  it('two runners never run one job twice', async (ctx) => {
    const db = use();
    const other = db.engine === 'postgres' ? await secondConnection(db) : db;
    try {
      const runsById = new Map<string, number>();
      const name = jobType({
        async run(job) {
          runsById.set(job.id, (runsById.get(job.id) ?? 0) + 1);
          await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 10));
          return job.id;
        },
      });
      const ids: string[] = [];
      for (let i = 0; i < 40; i += 1) ids.push((await enqueue(db, companyId, name, { i })).id);
      const a = startJobRunner(db, { background: false, concurrency: 4, workerId: 'runner-a', logger: memoryLogger() });
      const b = startJobRunner(other, { background: false, concurrency: 4, workerId: 'runner-b', logger: memoryLogger() });
      const drain = async (runner: typeof a) => {
        let total = 0;
        for (;;) {
          const n = await runner.runOnce();
          total += n;
          if (n === 0) return total;
        }
      };
      const [ranA, ranB] = await Promise.all([drain(a), drain(b)]);
      expect(ranA + ranB).toBe(40);
      expect([...runsById.values()].every((n) => n === 1)).toBe(true);
      expect(runsById.size).toBe(40);
      const rows = await db.query<{ status: string; attempts: number; locked_by: string | null; result: string }>(
        'SELECT status, attempts, locked_by, result FROM jobs WHERE id = ANY($1::uuid[])',
        [ids],
      );
      expect(rows.every((r) => r.status === 'succeeded' && r.attempts === 1 && r.locked_by === null)).toBe(true);
      if (db.engine === 'postgres') ctx.annotate(`runner a ran ${ranA}, runner b ran ${ranB}`);
    } finally {
      if (other !== db) await other.close();
    }
  });

  it('polls in the background, fills its slots, and stop() waits for the running job', async () => {
    const db = use();
    const release = deferred();
    const started: string[] = [];
    const name = jobType({
      async run(job) {
        started.push(job.id);
        if (started.length === 1) await release.promise;
        return 'ok';
      },
    });
    const first = await enqueue(db, companyId, name);
    const runner = startJobRunner(db, { pollMs: 20, concurrency: 2, logger: memoryLogger() });
    await waitFor(async () => started.length === 1);
    const second = await enqueue(db, companyId, name);
    await waitFor(async () => (await state(db, companyId, second.id)).status === 'succeeded');
    expect((await state(db, companyId, first.id)).status).toBe('running');
    let stopped = false;
    const stopping = runner.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stopped).toBe(false);
    release.resolve();
    await stopping;
    expect((await state(db, companyId, first.id)).status).toBe('succeeded');
    const third = await enqueue(db, companyId, name);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await state(db, companyId, third.id)).status).toBe('queued');
    expect(await runner.runOnce()).toBe(0);
    await db.query(`UPDATE jobs SET status = 'cancelled' WHERE id = $1`, [third.id]);
  });
});

it('computes exponential backoff with a cap', () => {
  expect(retryDelayMs(1, 1000, 10_000)).toBe(1000);
  expect(retryDelayMs(2, 1000, 10_000)).toBe(2000);
  expect(retryDelayMs(3, 1000, 10_000)).toBe(4000);
  expect(retryDelayMs(10, 1000, 10_000)).toBe(10_000);
  expect(retryDelayMs(500, 1000, 10_000)).toBe(10_000);
});
