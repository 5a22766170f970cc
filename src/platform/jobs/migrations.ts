import path from 'node:path';

/** Holds 0002_jobs.sql (outbox delivery bookkeeping); belongs in MIGRATION_DIRS. */
export const JOBS_MIGRATIONS_DIR = path.join(import.meta.dirname, 'migrations');
