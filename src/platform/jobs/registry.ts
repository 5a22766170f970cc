import type { z } from 'zod';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';

/** What a job's code sees while it runs. Its work happens outside any runner transaction. */
export interface RunningJob<P = unknown> {
  id: string;
  companyId: string;
  name: string;
  payload: P;
  /** 1 on the first run, 2 on the first retry, … */
  attempt: number;
  maxAttempts: number;
  db: Database;
  /**
   * Persists progress (0–100, rounded) and an optional message for the jobs page; also renews the lease.
   * Writes are coalesced to a few a second. Rejects with `JobLeaseLostError` when another worker has
   * taken the job over (this worker was presumed dead): the job should stop, its outcome is discarded.
   */
  reportProgress(percent: number, message?: string): Promise<void>;
}

export interface JobDefinition<P = unknown> {
  /** Does the work; the resolved value (JSON-serializable) is stored as the job's result. */
  run(job: RunningJob<P>): Promise<unknown>;
  /** Attempts before the job is marked failed (default 3; an enqueue may override it). */
  maxAttempts?: number;
  /** A human name for the jobs page. */
  label?: string;
  /** Validates the payload at enqueue time (a bad payload is refused with VALIDATION_FAILED). */
  payloadSchema?: z.ZodType<P>;
  /** Whether users may start it by hand (API / jobs page). Internal jobs are enqueued only by code. */
  startable?: boolean;
}

export interface JobType {
  name: string;
  label: string;
  maxAttempts: number;
  startable: boolean;
  definition: JobDefinition<unknown>;
}

export const DEFAULT_MAX_ATTEMPTS = 3;
export const MAX_ATTEMPTS_LIMIT = 100;
const NAME_PATTERN = /^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)*$/;

const types = new Map<string, JobType>();

/** Declares a job type. Names are dotted lower-case (`audit.verify`); registering one twice is a bug. */
export function registerJobType<P>(name: string, definition: JobDefinition<P>): void {
  if (!NAME_PATTERN.test(name) || name.length > 100) throw new Error(`Invalid job type name "${name}"`);
  if (types.has(name)) throw new Error(`Job type "${name}" is already registered`);
  const maxAttempts = definition.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
    throw new Error(`Job type "${name}": maxAttempts must be an integer from 1 to ${MAX_ATTEMPTS_LIMIT}`);
  }
  types.set(name, {
    name,
    label: definition.label ?? name,
    maxAttempts,
    startable: definition.startable ?? false,
    definition: definition as JobDefinition<unknown>,
  });
}

export function isJobTypeRegistered(name: string): boolean {
  return types.has(name);
}

/** The registered type, or undefined (the runner fails jobs whose type this process does not know). */
export function findJobType(name: string): JobType | undefined {
  return types.get(name);
}

/** The registered type, or VALIDATION_FAILED on the `name` field. */
export function requireJobType(name: string): JobType {
  const type = types.get(name);
  if (!type)
    throw new AppError('VALIDATION_FAILED', `There is no job type "${name}"`, [{ path: 'name', message: 'is not a known job type' }]);
  return type;
}

export function listJobTypes(): { name: string; label: string; startable: boolean }[] {
  return [...types.values()]
    .map((t) => ({ name: t.name, label: t.label, startable: t.startable }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Removes a registration (tests only: the registry is process-wide). */
export function unregisterJobType(name: string): void {
  types.delete(name);
}
