import type { Tx } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { JOB_COLUMNS, type Job, type JobRow, toJob } from './job.ts';
import { MAX_ATTEMPTS_LIMIT, requireJobType } from './registry.ts';

export interface EnqueueInput {
  name: string;
  payload?: unknown;
  /** Not before this time (default: now). */
  runAfter?: Date;
  /** Overrides the job type's maxAttempts. */
  maxAttempts?: number;
  /** The user who asked for it, if any. */
  createdBy?: string | null;
}

/**
 * Queues a job inside the caller's transaction, so the job exists exactly when the business change that
 * asked for it commits (and never when it rolls back). The runner picks it up after commit.
 * Unknown job types and payloads their schema refuses are VALIDATION_FAILED.
 */
export async function enqueueJob(tx: Tx, companyId: string, input: EnqueueInput): Promise<Job> {
  const type = requireJobType(input.name);
  let payload: unknown = input.payload ?? {};
  if (type.definition.payloadSchema) {
    const parsed = type.definition.payloadSchema.safeParse(payload);
    if (!parsed.success) {
      throw new AppError(
        'VALIDATION_FAILED',
        `The payload is not valid for job type "${type.name}"`,
        parsed.error.issues.map((i) => ({ path: ['payload', ...i.path.map(String)].join('.'), message: i.message })),
      );
    }
    payload = parsed.data ?? {};
  }
  const maxAttempts = input.maxAttempts ?? type.maxAttempts;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
    throw new AppError('VALIDATION_FAILED', `maxAttempts must be an integer from 1 to ${MAX_ATTEMPTS_LIMIT}`, [
      { path: 'maxAttempts', message: 'is out of range' },
    ]);
  }
  if (input.runAfter !== undefined && Number.isNaN(input.runAfter.getTime())) {
    throw new AppError('VALIDATION_FAILED', 'runAfter is not a valid date', [{ path: 'runAfter', message: 'is invalid' }]);
  }
  let json: string | undefined;
  try {
    json = JSON.stringify(payload);
  } catch {
    json = undefined;
  }
  if (json === undefined) {
    throw new AppError('VALIDATION_FAILED', 'The payload must be JSON-serializable', [{ path: 'payload', message: 'is not JSON' }]);
  }
  const [row] = await tx.query<JobRow>(
    `INSERT INTO jobs (company_id, id, name, payload, max_attempts, run_after, created_by)
     VALUES ($1, $2, $3, $4::jsonb, $5, coalesce($6::timestamptz, now()), $7)
     RETURNING ${JOB_COLUMNS}`,
    [companyId, newId(), type.name, json, maxAttempts, input.runAfter ?? null, input.createdBy ?? null],
  );
  if (!row) throw new Error('job insert returned no row');
  return toJob(row);
}
