import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Database } from '../db/database.ts';
import { dispatchOutbox } from '../outbox/index.ts';
import { errorText } from './job.ts';
import { findJobType, type RunningJob } from './registry.ts';

/**
 * The durable job runner: one implementation for PGlite and PostgreSQL.
 *
 * - Claiming is one short system transaction: `FOR UPDATE SKIP LOCKED` picks ready jobs no other runner is
 *   claiming, and each is marked `running` with a lease (`locked_by`, `locked_until`) and its attempt counted.
 * - The job's own work runs outside any runner transaction (PGlite has one connection). While it runs, a
 *   heartbeat (and every progress report) renews the lease.
 * - A job whose lease ran out — its process was killed — is claimed again by any runner; on its last
 *   allowed attempt it is marked failed instead, so a job that crashes its worker cannot loop forever.
 * - Finishing is guarded by (worker, attempt): a worker that lost its lease cannot overwrite the outcome.
 * - Failure → `queued` again with exponential backoff until `max_attempts`, then `failed` with `last_error`.
 */
export interface RunnerLogger {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface JobRunnerOptions {
  /** Identifies this worker in `locked_by` (default host:pid:random). */
  workerId?: string;
  /** Idle polling interval (1 s). */
  pollMs?: number;
  /** Jobs run at the same time by this runner (2). */
  concurrency?: number;
  /** Lease of a claimed job; renewed every third of it while the job runs (60 s). */
  leaseMs?: number;
  /** First retry delay; doubles each attempt (10 s) … */
  retryBaseMs?: number;
  /** … up to this (1 h). */
  retryMaxMs?: number;
  /** Dispatch the outbox in the loop (true), and how many events per batch (100). */
  outbox?: boolean | { batchSize?: number; leaseMs?: number; retryBaseMs?: number; retryMaxMs?: number };
  /** Poll in the background (true). With false, work happens only when `runOnce()` is called. */
  background?: boolean;
  logger?: RunnerLogger;
}

export interface JobRunner {
  readonly workerId: string;
  /**
   * Claims as many ready jobs as there are free slots, runs them to completion, dispatches one outbox
   * batch, and resolves with the number of jobs it ran.
   */
  runOnce(): Promise<number>;
  /** Stops polling and waits for the jobs that are running to finish. */
  stop(): Promise<void>;
}

/** Thrown by `reportProgress` when another worker has taken the job over. */
export class JobLeaseLostError extends Error {
  constructor(jobId: string) {
    super(`Job ${jobId} is no longer leased to this worker`);
    this.name = 'JobLeaseLostError';
  }
}

/** Throw it from a job to fail it at once, without the remaining retries (the input can never work). */
export class PermanentJobError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PermanentJobError';
  }
}

export const RUNNER_DEFAULTS = {
  pollMs: 1_000,
  concurrency: 2,
  leaseMs: 60_000,
  retryBaseMs: 10_000,
  retryMaxMs: 3_600_000,
  outboxBatchSize: 100,
} as const;

/** Progress writes are coalesced to at most one per this interval (the last value always lands). */
export const PROGRESS_WRITE_INTERVAL_MS = 250;
const MAX_PROGRESS_MESSAGE = 500;

export function retryDelayMs(
  attempt: number,
  baseMs: number = RUNNER_DEFAULTS.retryBaseMs,
  maxMs: number = RUNNER_DEFAULTS.retryMaxMs,
): number {
  return Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
}

interface ClaimedRow {
  company_id: string;
  id: string;
  name: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
}

const defaultLogger: RunnerLogger = {
  warn: (details, message) => console.warn(message, details),
  error: (details, message) => console.error(message, details),
};

const GUARD = `company_id = $1 AND id = $2 AND status = 'running' AND locked_by = $3 AND attempts = $4`;

/** Keeps one claimed job's lease alive and persists its progress, serializing the writes. */
class Lease {
  lost = false;
  private closed = false;
  private chain: Promise<void> = Promise.resolve();
  private pending: { progress: number; message: string | null } | null = null;
  private lastWrite = 0;
  private flushTimer: NodeJS.Timeout | null = null;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly db: Database,
    private readonly job: ClaimedRow,
    private readonly workerId: string,
    private readonly leaseMs: number,
    private readonly logger: RunnerLogger,
  ) {
    this.heartbeat = setInterval(() => void this.write(), Math.max(10, Math.floor(leaseMs / 3)));
    this.heartbeat.unref();
  }

  async report(percent: number, message?: string): Promise<void> {
    if (typeof percent !== 'number' || !Number.isFinite(percent)) throw new TypeError('reportProgress: percent must be a finite number');
    if (this.lost) throw new JobLeaseLostError(this.job.id);
    this.pending = {
      progress: Math.min(100, Math.max(0, Math.round(percent))),
      message: message === undefined ? null : message.slice(0, MAX_PROGRESS_MESSAGE),
    };
    const wait = PROGRESS_WRITE_INTERVAL_MS - (Date.now() - this.lastWrite);
    if (wait <= 0) {
      await this.write();
    } else if (!this.flushTimer) {
      this.flushTimer = setTimeout(() => {
        this.flushTimer = null;
        void this.write();
      }, wait);
      this.flushTimer.unref();
    }
    if (this.lost) throw new JobLeaseLostError(this.job.id);
  }

  /** Renews the lease, with the pending progress if any. Never rejects. */
  write(): Promise<void> {
    this.chain = this.chain.then(async () => {
      const progress = this.pending;
      if (this.lost || (this.closed && !progress)) return;
      this.pending = null;
      this.lastWrite = Date.now();
      try {
        const rows = await this.db.system((tx) =>
          tx.query(
            `UPDATE jobs SET locked_until = now() + ($5::float8 * interval '1 millisecond'),
                    progress = coalesce($6::int, progress),
                    progress_message = CASE WHEN $6::int IS NULL THEN progress_message ELSE $7 END
              WHERE ${GUARD} RETURNING id`,
            [
              this.job.company_id,
              this.job.id,
              this.workerId,
              this.job.attempts,
              this.leaseMs,
              progress?.progress ?? null,
              progress?.message ?? null,
            ],
          ),
        );
        if (rows.length === 0) {
          this.lost = true;
          this.logger.warn(
            { jobId: this.job.id, companyId: this.job.company_id, workerId: this.workerId },
            'A job lease was lost to another worker',
          );
        }
      } catch (err) {
        // A transient database error: keep the progress for the next write; the lease is renewed next beat.
        if (progress && !this.pending) this.pending = progress;
        this.logger.warn({ err, jobId: this.job.id }, 'Could not renew a job lease');
      }
    });
    return this.chain;
  }

  /** Stops the heartbeat and lands the last reported progress, so the page shows the final message. */
  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (this.pending) void this.write();
    this.closed = true;
    await this.chain;
  }
}

export function startJobRunner(db: Database, options: JobRunnerOptions = {}): JobRunner {
  const workerId = options.workerId ?? `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const pollMs = options.pollMs ?? RUNNER_DEFAULTS.pollMs;
  const concurrency = options.concurrency ?? RUNNER_DEFAULTS.concurrency;
  const leaseMs = options.leaseMs ?? RUNNER_DEFAULTS.leaseMs;
  const retryBaseMs = options.retryBaseMs ?? RUNNER_DEFAULTS.retryBaseMs;
  const retryMaxMs = options.retryMaxMs ?? RUNNER_DEFAULTS.retryMaxMs;
  const logger = options.logger ?? defaultLogger;
  const outbox = options.outbox === false ? null : options.outbox === true || options.outbox === undefined ? {} : options.outbox;
  const outboxBatchSize = outbox?.batchSize ?? RUNNER_DEFAULTS.outboxBatchSize;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error('startJobRunner: concurrency must be a positive integer');
  if (!(pollMs > 0) || !(leaseMs > 0)) throw new Error('startJobRunner: pollMs and leaseMs must be positive');

  const running = new Set<Promise<void>>();
  let stopping = false;
  let timer: NodeJS.Timeout | null = null;
  let ticking: Promise<void> | null = null;
  let tickAgain = false;

  async function claim(limit: number): Promise<ClaimedRow[]> {
    return db.system(async (tx) => {
      // Leases that ran out on the last allowed attempt: the job took its worker down each time.
      const exhausted = await tx.query<{ company_id: string; id: string; name: string }>(
        `WITH dead AS (
           SELECT company_id, id FROM jobs
            WHERE status = 'running' AND locked_until < now() AND attempts >= max_attempts
            ORDER BY locked_until LIMIT 100
            FOR UPDATE SKIP LOCKED
         )
         UPDATE jobs AS j
            SET status = 'failed', finished_at = now(), locked_by = NULL, locked_until = NULL,
                last_error = 'Attempt ' || j.attempts || ' of ' || j.max_attempts || ' did not finish: its worker ('
                             || coalesce(j.locked_by, 'unknown') || ') stopped while running it'
           FROM dead
          WHERE j.company_id = dead.company_id AND j.id = dead.id
        RETURNING j.company_id, j.id, j.name`,
      );
      for (const job of exhausted) {
        logger.error({ jobId: job.id, companyId: job.company_id, name: job.name }, 'A job failed: its lease expired on its last attempt');
      }
      if (limit < 1) return [];
      return tx.query<ClaimedRow>(
        `WITH ready AS (
           SELECT company_id, id FROM jobs
            WHERE status IN ('queued', 'running') AND run_after <= now()
              AND (status = 'queued' OR locked_until < now())
            ORDER BY run_after, id
            LIMIT $2
            FOR UPDATE SKIP LOCKED
         )
         UPDATE jobs AS j
            SET status = 'running', attempts = j.attempts + 1, locked_by = $1,
                locked_until = now() + ($3::float8 * interval '1 millisecond'),
                started_at = now(), finished_at = NULL, progress = 0, progress_message = NULL,
                last_error = CASE WHEN j.status = 'running'
                                  THEN 'Attempt ' || j.attempts || ' did not finish: its worker ('
                                       || coalesce(j.locked_by, 'unknown') || ') stopped while running it'
                                  ELSE j.last_error END
           FROM ready
          WHERE j.company_id = ready.company_id AND j.id = ready.id
        RETURNING j.company_id, j.id, j.name, j.payload, j.attempts, j.max_attempts`,
        [workerId, limit, leaseMs],
      );
    });
  }

  async function finish(
    job: ClaimedRow,
    outcome: { ok: true; result: string } | { ok: false; error: string; permanent: boolean },
  ): Promise<void> {
    const params = [job.company_id, job.id, workerId, job.attempts];
    const rows = await db.system((tx) =>
      outcome.ok
        ? tx.query(
            `UPDATE jobs SET status = 'succeeded', progress = 100, result = $5::jsonb, finished_at = now(),
                    locked_by = NULL, locked_until = NULL
              WHERE ${GUARD} RETURNING id`,
            [...params, outcome.result],
          )
        : tx.query(
            `UPDATE jobs SET
                    status = CASE WHEN $6 OR attempts >= max_attempts THEN 'failed' ELSE 'queued' END,
                    run_after = CASE WHEN $6 OR attempts >= max_attempts THEN run_after
                                     ELSE now() + ($7::float8 * interval '1 millisecond') END,
                    finished_at = CASE WHEN $6 OR attempts >= max_attempts THEN now() ELSE NULL END,
                    last_error = $5, locked_by = NULL, locked_until = NULL
              WHERE ${GUARD} RETURNING id`,
            [...params, outcome.error, outcome.permanent, retryDelayMs(job.attempts, retryBaseMs, retryMaxMs)],
          ),
    );
    if (rows.length === 0) {
      logger.warn(
        { jobId: job.id, companyId: job.company_id, workerId },
        'A job finished after its lease was lost; its outcome was discarded',
      );
    }
  }

  /** Runs one claimed job to its outcome. Never rejects. */
  async function execute(job: ClaimedRow): Promise<void> {
    const lease = new Lease(db, job, workerId, leaseMs, logger);
    let outcome: { ok: true; result: string } | { ok: false; error: string; permanent: boolean };
    try {
      const type = findJobType(job.name);
      if (!type) throw new Error(`This worker does not know the job type "${job.name}"`);
      const running: RunningJob = {
        id: job.id,
        companyId: job.company_id,
        name: job.name,
        payload: job.payload,
        attempt: job.attempts,
        maxAttempts: job.max_attempts,
        db,
        reportProgress: (percent, message) => lease.report(percent, message),
      };
      const value = await type.definition.run(running);
      let json: string | undefined;
      try {
        json = JSON.stringify(value === undefined ? null : value);
      } catch (err) {
        throw new PermanentJobError(`The job's result is not JSON-serializable: ${errorText(err)}`);
      }
      outcome = { ok: true, result: json ?? 'null' };
    } catch (err) {
      if (!(err instanceof JobLeaseLostError)) {
        logger.error({ err, jobId: job.id, companyId: job.company_id, name: job.name, attempt: job.attempts }, 'A job attempt failed');
      }
      outcome = { ok: false, error: errorText(err), permanent: err instanceof PermanentJobError };
    }
    await lease.close();
    if (lease.lost) return;
    try {
      await finish(job, outcome);
    } catch (err) {
      // The lease will run out and the job will be retried: at-least-once.
      logger.error({ err, jobId: job.id, companyId: job.company_id }, 'Could not record a job outcome');
    }
  }

  function track(job: ClaimedRow): Promise<void> {
    const p = execute(job).finally(() => {
      running.delete(p);
      if (!stopping && options.background !== false) schedule(0);
    });
    running.add(p);
    return p;
  }

  async function dispatch(): Promise<boolean> {
    if (!outbox) return false;
    const result = await dispatchOutbox(db, outboxBatchSize, {
      ...(outbox.leaseMs !== undefined ? { leaseMs: outbox.leaseMs } : {}),
      ...(outbox.retryBaseMs !== undefined ? { retryBaseMs: outbox.retryBaseMs } : {}),
      ...(outbox.retryMaxMs !== undefined ? { retryMaxMs: outbox.retryMaxMs } : {}),
      logger,
    });
    return result.claimed === outboxBatchSize;
  }

  /** One background pass: fill the free slots, dispatch a batch, then decide when to look again. */
  async function tick(): Promise<void> {
    let busy = false;
    try {
      const free = concurrency - running.size;
      const claimed = await claim(free);
      for (const job of claimed) void track(job);
      busy = free > 0 && claimed.length === free;
      if (await dispatch()) busy = true;
    } catch (err) {
      logger.error({ err, workerId }, 'The job runner could not poll the database');
    }
    if (!stopping && busy && running.size < concurrency) tickAgain = true;
  }

  function schedule(delay: number): void {
    if (stopping) return;
    if (ticking) {
      if (delay === 0) tickAgain = true;
      return;
    }
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      ticking = tick().finally(() => {
        ticking = null;
        const again = tickAgain;
        tickAgain = false;
        schedule(again ? 0 : pollMs);
      });
    }, delay);
    timer.unref();
  }

  if (options.background !== false) schedule(0);

  return {
    workerId,
    async runOnce() {
      if (stopping) return 0;
      const claimed = await claim(concurrency - running.size);
      const runs = claimed.map(track);
      await dispatch();
      await Promise.all(runs);
      return claimed.length;
    },
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      timer = null;
      while (ticking || running.size > 0) {
        if (ticking) await ticking;
        await Promise.all([...running]);
      }
    },
  };
}
