// Killing the process in the middle of a transaction leaves no half-written record: a child process
// opens the database, commits one company, then inserts a company and a user in one `db.system`
// transaction, says READY and hangs; the test SIGKILLs it and finds the committed company but neither row
// of the open transaction, and the database still opens and takes new, durable writes.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { newId } from '../ids.ts';
import { adminUrl, databaseUrlFor } from '../testing/postgres-urls.ts';
import type { Database } from './database.ts';
import { openPglite } from './pglite-engine.ts';
import { openPostgres } from './postgres-engine.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const ENGINE_DIR = import.meta.dirname;

const CHILD = `
import { openPglite } from ${JSON.stringify(path.join(ENGINE_DIR, 'pglite-engine.ts'))};
import { openPostgres } from ${JSON.stringify(path.join(ENGINE_DIR, 'postgres-engine.ts'))};
const [engine, target, companyId, userId, slug] = process.argv.slice(2);
const db = engine === 'pglite' ? await openPglite({ dataDir: target }) : openPostgres(target, 1);
setInterval(() => {}, 60_000); // keep the process alive while the transaction hangs
// A transaction that commits before the crash: it must survive the SIGKILL.
await db.system((tx) =>
  tx.query("INSERT INTO companies (id, slug, name, base_currency, country) VALUES ($1, $2, 'Committed S.L.', 'EUR', 'ES')", [
    process.argv[7],
    slug + '-committed',
  ]),
);
await db.system(async (tx) => {
  await tx.query(
    "INSERT INTO companies (id, slug, name, base_currency, country) VALUES ($1, $2, 'Half Written S.L.', 'EUR', 'ES')",
    [companyId, slug],
  );
  await tx.query("INSERT INTO users (id, email, name, password_hash) VALUES ($1, $2, 'Half', 'x')", [userId, slug + '@crash.test']);
  // Make sure the rows really reached the engine before saying so.
  const [row] = await tx.query('SELECT count(*)::int AS n FROM companies WHERE id = $1', [companyId]);
  if (row.n !== 1) throw new Error('insert not visible inside the transaction');
  process.stdout.write('READY\\n');
  await new Promise(() => {});
});
`;

let tmp: string;
let script: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'trastienda-crash-'));
  script = path.join(tmp, 'half-write.mts');
  fs.writeFileSync(script, CHILD);
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Runs the child until it says READY, then SIGKILLs it; resolves once it is gone. */
async function killMidTransaction(
  engine: string,
  target: string,
  companyId: string,
  userId: string,
  slug: string,
  committedId: string,
): Promise<void> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx/esm', script, engine, target, companyId, userId, slug, committedId],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d) => {
      out += String(d);
      if (out.includes('READY')) resolve();
    });
    void exited.then(({ code }) => reject(new Error(`the child exited (${code}) before READY: ${stderr}`)));
  });
  expect(child.kill('SIGKILL')).toBe(true);
  expect(await exited).toEqual({ code: null, signal: 'SIGKILL' });
}

async function expectOnlyTheCommittedWrite(
  db: Database,
  companyId: string,
  userId: string,
  slug: string,
  committedId: string,
): Promise<void> {
  expect(await db.query('SELECT slug FROM companies WHERE id = $1', [committedId])).toEqual([{ slug: `${slug}-committed` }]);
  expect(await db.query('SELECT id FROM companies WHERE id = $1 OR slug = $2', [companyId, slug])).toEqual([]);
  expect(await db.query('SELECT id FROM users WHERE id = $1 OR email = $2', [userId, `${slug}@crash.test`])).toEqual([]);
}

/** The same ids and slug the killed transaction used: they must be free, and the write must commit. */
async function writeAfterCrash(db: Database, companyId: string, slug: string): Promise<void> {
  await db.system((tx) =>
    tx.query(`INSERT INTO companies (id, slug, name, base_currency, country) VALUES ($1, $2, 'After the crash', 'EUR', 'ES')`, [
      companyId,
      slug,
    ]),
  );
}

describe('a process killed mid-transaction', () => {
  it('keeps the committed write and loses the open one in an embedded data dir [pglite]', async () => {
    const dataDir = path.join(tmp, 'data');
    const template = new Blob([fs.readFileSync(inject('pgliteTemplate'))]);
    const seed = await openPglite({ dataDir, loadDataDir: template });
    await seed.close();

    const companyId = newId();
    const userId = newId();
    const slug = `crash-${randomBytes(4).toString('hex')}`;
    const committedId = newId();
    await killMidTransaction('pglite', dataDir, companyId, userId, slug, committedId);

    const reopened = await openPglite({ dataDir });
    try {
      await expectOnlyTheCommittedWrite(reopened, companyId, userId, slug, committedId);
      await writeAfterCrash(reopened, companyId, slug);
    } finally {
      await reopened.close();
    }
    // The write after the crash is durable.
    const again = await openPglite({ dataDir });
    try {
      const rows = await again.query<{ name: string }>('SELECT name FROM companies WHERE id = $1', [companyId]);
      expect(rows).toEqual([{ name: 'After the crash' }]);
    } finally {
      await again.close();
    }
  }, 60_000);

  it.runIf(process.env.TEST_DATABASE_URL)(
    'keeps the committed write and loses the open one on a PostgreSQL server [postgres]',
    async () => {
      const server = process.env.TEST_DATABASE_URL as string;
      const template = inject('postgresTemplate');
      if (!template) throw new Error('no PostgreSQL template');
      const name = `trastienda_t_${randomBytes(6).toString('hex')}`;
      const admin = openPostgres(adminUrl(server), 1);
      await admin.exec(`CREATE DATABASE ${name} TEMPLATE ${template}`);
      const url = databaseUrlFor(server, name);
      const db = openPostgres(url, 2);
      try {
        const companyId = newId();
        const userId = newId();
        const slug = `crash-${randomBytes(4).toString('hex')}`;
        const committedId = newId();
        await killMidTransaction('postgres', url, companyId, userId, slug, committedId);
        await expectOnlyTheCommittedWrite(db, companyId, userId, slug, committedId);
        // Same ids and slug: succeeds once the server has rolled back the dead session's transaction.
        await writeAfterCrash(db, companyId, slug);
        expect(await db.query('SELECT name FROM companies WHERE id = $1', [companyId])).toEqual([{ name: 'After the crash' }]);
      } finally {
        await db.close();
        await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => admin.close());
      }
    },
    60_000,
  );
});
