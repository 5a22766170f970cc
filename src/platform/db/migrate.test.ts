// The migration runner on both engines: idempotent, all-or-nothing, refuses edited or unknown
// migrations before applying anything, and (PostgreSQL) two processes migrating one fresh database at
// once apply each migration exactly once thanks to the advisory lock.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, freshDatabase } from '../testing/engines.ts';
import { adminUrl, databaseUrlFor } from '../testing/postgres-urls.ts';
import type { Database } from './database.ts';
import { loadMigrations, type Migration, migrate } from './migrate.ts';
import { openPostgres } from './postgres-engine.ts';

let tmp: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'trastienda-migrate-'));
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** A folder holding copies of this version's migrations plus `extra` files, loaded as the runner would. */
function migrationsWith(extra: Record<string, string>): Migration[] {
  const dir = fs.mkdtempSync(path.join(tmp, 'm-'));
  for (const m of loadMigrations()) fs.writeFileSync(path.join(dir, `${m.version}.sql`), m.sql);
  for (const [file, sql] of Object.entries(extra)) fs.writeFileSync(path.join(dir, file), sql);
  return loadMigrations([dir]);
}

async function appliedVersions(db: Database): Promise<{ version: string; checksum: string }[]> {
  return db.query('SELECT version, checksum FROM schema_migrations ORDER BY version');
}

async function tableExists(db: Database, name: string): Promise<boolean> {
  const [row] = await db.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [`public.${name}`]);
  return row?.t != null;
}

const EXTRA = {
  '9001_migrate_test.sql': `CREATE TABLE migrate_probe (company_id uuid NOT NULL, id int NOT NULL, PRIMARY KEY (company_id, id));
INSERT INTO migrate_probe VALUES ('00000000-0000-7000-8000-000000000000', 1);`,
};

for (const engine of ENGINES) {
  describe(`migrate [${engine}]`, () => {
    let db: Database;

    beforeAll(async () => {
      db = await freshDatabase(engine);
    });

    afterAll(async () => {
      await db?.close();
    });

    it('on a migrated database applies nothing, and a new migration exactly once', async () => {
      const known = loadMigrations();
      const before = await appliedVersions(db);
      expect(before.map((r) => r.version)).toEqual(known.map((m) => m.version));
      expect(before.map((r) => r.checksum)).toEqual(known.map((m) => m.checksum));
      expect(await migrate(db)).toEqual({ applied: [], current: known.at(-1)?.version });

      const withExtra = migrationsWith(EXTRA);
      expect(await migrate(db, withExtra)).toEqual({ applied: ['9001_migrate_test'], current: '9001_migrate_test' });
      expect(await migrate(db, withExtra)).toEqual({ applied: [], current: '9001_migrate_test' });
      expect(await db.query('SELECT id FROM migrate_probe')).toEqual([{ id: 1 }]);
      expect((await appliedVersions(db)).map((r) => r.version)).toEqual([...known.map((m) => m.version), '9001_migrate_test']);
    });

    it('refuses a migration edited after it was applied, before applying anything', async () => {
      const before = await appliedVersions(db);
      const edited = migrationsWith({
        '9001_migrate_test.sql': `${EXTRA['9001_migrate_test.sql']}\n-- a harmless-looking comment\n`,
        '9002_pending.sql': 'CREATE TABLE migrate_pending (id int);',
      });
      await expect(migrate(db, edited)).rejects.toThrow(/Migration 9001_migrate_test was edited after it was applied/);
      expect(await tableExists(db, 'migrate_pending')).toBe(false);
      expect(await appliedVersions(db)).toEqual(before);
    });

    it('refuses a database with a migration this version does not know, before applying anything', async () => {
      // The database has 9001 (from the first test); this "older" version knows only the shipped ones.
      const older = migrationsWith({ '9003_pending.sql': 'CREATE TABLE migrate_pending (id int);' });
      await expect(migrate(db, older)).rejects.toThrow(/9001_migrate_test, which this version does not know/);
      expect(await tableExists(db, 'migrate_pending')).toBe(false);
      await expect(migrate(db)).rejects.toThrow(/does not know/);
    });

    it('rolls back a migration that fails half-way: no table, no record', async () => {
      const failing = migrationsWith({
        ...EXTRA,
        '9004_broken.sql': `CREATE TABLE migrate_broken (id int);
INSERT INTO migrate_probe VALUES ('00000000-0000-7000-8000-000000000000', 2);
SELECT 1 / 0;`,
      });
      await expect(migrate(db, failing)).rejects.toThrow(/division by zero/);
      expect(await tableExists(db, 'migrate_broken')).toBe(false);
      expect(await db.query('SELECT id FROM migrate_probe ORDER BY id')).toEqual([{ id: 1 }]);
      expect((await appliedVersions(db)).map((r) => r.version)).not.toContain('9004_broken');
      // The database is still usable, and a fixed migration then applies.
      const fixed = migrationsWith({ ...EXTRA, '9004_broken.sql': 'CREATE TABLE migrate_broken (id int);' });
      expect((await migrate(db, fixed)).applied).toEqual(['9004_broken']);
    });

    it('refuses two migrations with the same number', () => {
      const dir = fs.mkdtempSync(path.join(tmp, 'dup-'));
      fs.writeFileSync(path.join(dir, '0001_a.sql'), 'SELECT 1;');
      fs.writeFileSync(path.join(dir, '0001_b.sql'), 'SELECT 2;');
      expect(() => loadMigrations([dir])).toThrow(/Two migrations share the number 0001/);
    });
  });
}

describe.runIf(process.env.TEST_DATABASE_URL)('migrate [postgres, two processes at once]', () => {
  it('migrates a fresh database once when two pools race, and the schema ends complete', async () => {
    const server = process.env.TEST_DATABASE_URL as string;
    const known = loadMigrations();
    const admin = openPostgres(adminUrl(server), 1);
    try {
      // Several rounds: a race that loses only sometimes must still be caught.
      for (let round = 0; round < 4; round += 1) {
        const name = `trastienda_t_${randomBytes(6).toString('hex')}`;
        await admin.exec(`CREATE DATABASE ${name}`);
        const a = openPostgres(databaseUrlFor(server, name), 2);
        const b = openPostgres(databaseUrlFor(server, name), 2);
        try {
          const results = await Promise.all([migrate(a), migrate(b)]);
          const applied = results.map((r) => r.applied).sort((x, y) => y.length - x.length);
          expect(applied).toEqual([known.map((m) => m.version), []]);
          expect((await appliedVersions(a)).map((r) => r.version)).toEqual(known.map((m) => m.version));
          for (const table of ['companies', 'users', 'memberships', 'api_tokens', 'audit_events', 'audit_heads', 'sessions']) {
            expect(await tableExists(b, table), table).toBe(true);
          }
          // The schema works from both pools.
          await a.query(`INSERT INTO companies (id, slug, name, base_currency, country) VALUES ($1, 'race', 'Race', 'EUR', 'ES')`, [
            '00000000-0000-7000-8000-000000000001',
          ]);
          expect(await b.query('SELECT slug FROM companies')).toEqual([{ slug: 'race' }]);
        } finally {
          await a.close();
          await b.close();
          await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        }
      }
    } finally {
      await admin.close();
    }
  }, 120_000);
});
