/** The job record as services, routes and the runner see it. */
export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export interface Job {
  id: string;
  name: string;
  status: JobStatus;
  progress: number;
  progressMessage: string | null;
  attempts: number;
  maxAttempts: number;
  runAfter: Date;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  lastError: string | null;
  result: unknown;
  payload: unknown;
  createdBy: string | null;
}

export interface JobRow {
  company_id: string;
  id: string;
  name: string;
  payload: unknown;
  status: JobStatus;
  progress: number;
  progress_message: string | null;
  attempts: number;
  max_attempts: number;
  run_after: Date;
  locked_by: string | null;
  locked_until: Date | null;
  result: unknown;
  last_error: string | null;
  created_by: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

export const JOB_COLUMNS = `company_id, id, name, payload, status, progress, progress_message, attempts, max_attempts, run_after,
  locked_by, locked_until, result, last_error, created_by, created_at, started_at, finished_at`;

export const toJob = (r: JobRow): Job => ({
  id: r.id,
  name: r.name,
  status: r.status,
  progress: r.progress,
  progressMessage: r.progress_message,
  attempts: r.attempts,
  maxAttempts: r.max_attempts,
  runAfter: r.run_after,
  createdAt: r.created_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  lastError: r.last_error,
  result: r.result,
  payload: r.payload,
  createdBy: r.created_by,
});

/** Longest error text kept on a job (the full error goes to the log). */
export const MAX_ERROR_LENGTH = 2000;

export function errorText(err: unknown): string {
  const text = err instanceof Error ? `${err.name === 'Error' ? '' : `${err.name}: `}${err.message}` : String(err);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}
