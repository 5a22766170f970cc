import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import type { Database, EngineName } from '../db/database.ts';
import { openPglite } from '../db/pglite-engine.ts';
import { openPostgres } from '../db/postgres-engine.ts';
import { adminUrl, databaseUrlFor } from './postgres-urls.ts';

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL names a server. */
export const ENGINES: EngineName[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

/** A migrated, empty database of its own, copied from the run's template. */
export async function freshDatabase(engine: EngineName): Promise<Database> {
  if (engine === 'pglite') {
    const template = fs.readFileSync(inject('pgliteTemplate'));
    return openPglite({ loadDataDir: new Blob([template]) });
  }
  const serverUrl = process.env.TEST_DATABASE_URL;
  const template = inject('postgresTemplate');
  if (!serverUrl || !template) throw new Error('TEST_DATABASE_URL is not set');
  const name = `${template}_${randomBytes(6).toString('hex')}`;
  const admin = openPostgres(adminUrl(serverUrl), 1);
  try {
    await admin.exec(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.close();
  }
  const db = openPostgres(databaseUrlFor(serverUrl, name), 5);
  const close = db.close.bind(db);
  return Object.assign(db, {
    close: async () => {
      await close();
      const cleanup = openPostgres(adminUrl(serverUrl), 1);
      await cleanup.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => cleanup.close());
    },
  });
}

/**
 * Runs a suite once per engine, each with a fresh database for the whole suite.
 * `use()` returns that database inside tests.
 */
export function describeEachEngine(name: string, suite: (use: () => Database, engine: EngineName) => void): void {
  for (const engine of ENGINES) {
    describe(`${name} [${engine}]`, () => {
      let db: Database | undefined;
      beforeAll(async () => {
        db = await freshDatabase(engine);
      }, 60_000);
      afterAll(async () => {
        await db?.close();
      });
      suite(() => {
        if (!db) throw new Error('database not ready');
        return db;
      }, engine);
    });
  }
}
