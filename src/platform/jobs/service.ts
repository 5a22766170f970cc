import { appendAudit } from '../audit/append.ts';
import type { ServiceContext } from '../context.ts';
import type { Tx } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import { decodeCursor, type Page, toPage } from '../pagination.ts';
import { enqueueJob } from './enqueue.ts';
import { JOB_COLUMNS, type Job, type JobRow, type JobStatus, toJob } from './job.ts';
import { requireJobType } from './registry.ts';

/** What the audit trail keeps of a job (the payload can be large; the id leads to it). */
const audited = (job: Job) => ({
  id: job.id,
  name: job.name,
  status: job.status,
  attempts: job.attempts,
  maxAttempts: job.maxAttempts,
  lastError: job.lastError,
});

/** A JSON array of the row's created_at with microseconds, so the cursor is exact. */
type ListRow = JobRow & { created_cursor: string };

/** The company's jobs, newest first. */
export async function listJobs(
  ctx: ServiceContext,
  query: { limit: number; cursor?: string | undefined; status?: JobStatus | undefined },
): Promise<Page<Job>> {
  const after = decodeCursor(query.cursor, 2);
  const params: unknown[] = [ctx.companyId];
  const where = ['company_id = $1'];
  if (query.status) {
    params.push(query.status);
    where.push(`status = $${params.length}`);
  }
  if (after) {
    params.push(after[0], after[1]);
    where.push(`(created_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  params.push(query.limit + 1);
  const rows = await ctx.db
    .tenant(ctx.companyId, (tx) =>
      tx.query<ListRow>(
        `SELECT ${JOB_COLUMNS}, to_json(created_at) #>> '{}' AS created_cursor FROM jobs
        WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
        params,
      ),
    )
    .catch((err: unknown) => {
      // A forged cursor with a well-formed envelope but a bad timestamp or id.
      if (after && err && typeof err === 'object' && 'code' in err && ['22007', '22008', '22P02'].includes(String(err.code))) {
        throw new AppError('VALIDATION_FAILED', 'The cursor is not one this API gave out', [{ path: 'cursor', message: 'is invalid' }]);
      }
      throw err;
    });
  return toPage(rows, query.limit, toJob, (r) => [r.created_cursor, r.id]);
}

async function findJob(tx: Tx, companyId: string, id: string, lock = false): Promise<JobRow | undefined> {
  const [row] = await tx.query<JobRow>(`SELECT ${JOB_COLUMNS} FROM jobs WHERE company_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`, [
    companyId,
    id,
  ]);
  return row;
}

export async function getJob(ctx: ServiceContext, id: string): Promise<Job> {
  const row = await ctx.db.tenant(ctx.companyId, (tx) => findJob(tx, ctx.companyId, id));
  if (!row) throw notFound('Job');
  return toJob(row);
}

/** Starts a job by hand (API, jobs page). Only job types declared `startable` may be started this way. */
export async function createJob(ctx: ServiceContext, input: { name: string; payload?: unknown }): Promise<Job> {
  const type = requireJobType(input.name);
  if (!type.startable) {
    throw new AppError('VALIDATION_FAILED', `The job type "${input.name}" cannot be started by hand`, [
      { path: 'name', message: 'cannot be started by hand' },
    ]);
  }
  return ctx.db.tenant(ctx.companyId, async (tx) => {
    const job = await enqueueJob(tx, ctx.companyId, { name: input.name, payload: input.payload, createdBy: ctx.actor.userId });
    await appendAudit(tx, ctx.companyId, ctx.actor, { action: 'job.created', entityType: 'job', entityId: job.id, after: audited(job) });
    return job;
  });
}

async function transition(
  ctx: ServiceContext,
  id: string,
  action: string,
  change: (tx: Tx, before: JobRow) => Promise<JobRow | undefined>,
): Promise<Job> {
  return ctx.db.tenant(ctx.companyId, async (tx) => {
    // The row lock makes this wait for (or win over) a runner's claim, so the status we check is current.
    const before = await findJob(tx, ctx.companyId, id, true);
    if (!before) throw notFound('Job');
    const row = await change(tx, before);
    if (!row) throw new Error('job update returned no row');
    const after = toJob(row);
    await appendAudit(tx, ctx.companyId, ctx.actor, {
      action,
      entityType: 'job',
      entityId: id,
      before: audited(toJob(before)),
      after: audited(after),
    });
    return after;
  });
}

/** A failed or cancelled job runs again from scratch: queued now, attempts reset. */
export function retryJob(ctx: ServiceContext, id: string): Promise<Job> {
  return transition(ctx, id, 'job.retried', async (tx, before) => {
    if (before.status !== 'failed' && before.status !== 'cancelled') {
      throw new AppError('INVALID_STATE', `Only failed or cancelled jobs can be retried; this one is ${before.status}`);
    }
    const [row] = await tx.query<JobRow>(
      `UPDATE jobs SET status = 'queued', attempts = 0, run_after = now(), progress = 0, progress_message = NULL,
              result = NULL, last_error = NULL, started_at = NULL, finished_at = NULL, locked_by = NULL, locked_until = NULL
        WHERE company_id = $1 AND id = $2 RETURNING ${JOB_COLUMNS}`,
      [ctx.companyId, id],
    );
    return row;
  });
}

/** A queued job (including one waiting for a retry) is cancelled; a running one cannot be stopped. */
export function cancelJob(ctx: ServiceContext, id: string): Promise<Job> {
  return transition(ctx, id, 'job.cancelled', async (tx, before) => {
    if (before.status === 'running') {
      throw new AppError('INVALID_STATE', 'This job is running and cannot be cancelled; wait for it to finish');
    }
    if (before.status !== 'queued') {
      throw new AppError('INVALID_STATE', `Only queued jobs can be cancelled; this one is ${before.status}`);
    }
    const [row] = await tx.query<JobRow>(
      `UPDATE jobs SET status = 'cancelled', finished_at = now(), locked_by = NULL, locked_until = NULL
        WHERE company_id = $1 AND id = $2 RETURNING ${JOB_COLUMNS}`,
      [ctx.companyId, id],
    );
    return row;
  });
}
