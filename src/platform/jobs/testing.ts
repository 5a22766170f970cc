/** Helpers for the jobs and outbox tests (not used at run time). */
import { SYSTEM_ACTOR } from '../audit/actor.ts';
import { createCompany } from '../companies/companies.ts';
import type { Database } from '../db/database.ts';
import { loadMigrations, MIGRATION_DIRS, migrate } from '../db/migrate.ts';
import { openPostgres } from '../db/postgres-engine.ts';
import { randomToken } from '../ids.ts';
import { databaseUrlFor } from '../testing/postgres-urls.ts';
import { JOBS_MIGRATIONS_DIR } from './migrations.ts';
import type { RunnerLogger } from './runner.ts';

/** Applies this room's migration too, whether or not MIGRATION_DIRS lists it yet. */
export async function migrateJobs(db: Database): Promise<void> {
  await migrate(db, loadMigrations([...new Set([...MIGRATION_DIRS, JOBS_MIGRATIONS_DIR])]));
}

export async function newCompany(db: Database): Promise<string> {
  const slug = `c-${randomToken(6)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x')}`;
  const company = await createCompany(
    db,
    SYSTEM_ACTOR,
    { slug, name: slug, baseCurrency: 'EUR', country: 'ES', fiscalYearStartMonth: 1, locale: 'en' },
    null,
  );
  return company.id;
}

/** A logger that keeps what it is told, so tests stay quiet and can assert on it. */
export function memoryLogger(): RunnerLogger & { entries: { level: string; message: string; details: object }[] } {
  const entries: { level: string; message: string; details: object }[] = [];
  return {
    entries,
    warn: (details, message) => entries.push({ level: 'warn', message, details }),
    error: (details, message) => entries.push({ level: 'error', message, details }),
  };
}

/** On PostgreSQL: a second, independent pool on the same database (as another process would have). */
export async function secondConnection(db: Database): Promise<Database> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (db.engine !== 'postgres' || !serverUrl) throw new Error('secondConnection needs PostgreSQL');
  const [row] = await db.query<{ name: string }>('SELECT current_database() AS name');
  if (!row) throw new Error('no current database');
  return openPostgres(databaseUrlFor(serverUrl, row.name), 5);
}

export async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs = 10_000, everyMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('waitFor: timed out');
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (err: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
