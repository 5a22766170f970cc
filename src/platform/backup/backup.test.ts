// Backup and restore: a populated installation survives the round trip to a fresh PGlite and (with
// TEST_DATABASE_URL) to a fresh PostgreSQL database row for row; a restore into a non-empty installation,
// from a truncated file or from a file that is not a backup is refused and writes nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../audit/actor.ts';
import { appendAudit } from '../audit/append.ts';
import { verifyAuditChain } from '../audit/verify.ts';
import { createApiToken } from '../auth/api-tokens.ts';
import { createSession } from '../auth/sessions.ts';
import { createCompany, listAllCompanies } from '../companies/companies.ts';
import { ensureDemo } from '../companies/demo.ts';
import type { Database, EngineName } from '../db/database.ts';
import { newId } from '../ids.ts';
import { ENGINES, freshDatabase } from '../testing/engines.ts';
import { createMember } from '../users/members.ts';
import { BACKUP_FORMAT, type BackupHeader, backupTo } from './backup.ts';
import { restoreFrom } from './restore.ts';

const NASTY = [`O'Brien "the \\ quoted"`, '🧾 Facturación ñandú — 東京 👩🏽‍💼', `'; DROP TABLE users; --`, 'tab\tnew\nline\r back\\slash'];

/** JSON leaves these unescaped, and JavaScript's `.` does not match them. */
const LINE_SEPARATORS = 'pasted\u2028from a word processor\u2029end';

/** Every table's rows as PostgreSQL's own JSON text, in a deterministic order; sessions and the migration log left out. */
async function snapshot(db: Database): Promise<Record<string, string[]>> {
  return db.system(async (tx) => {
    await tx.query(`SET LOCAL TimeZone = 'UTC'`);
    const tables = await tx.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname NOT IN ('sessions', 'schema_migrations')`,
    );
    const out: Record<string, string[]> = {};
    for (const { name } of tables) {
      const rows = await tx.query<{ j: string }>(`SELECT row_to_json(t)::text AS j FROM "${name}" t`);
      out[name] = rows.map((r) => r.j).sort();
    }
    return out;
  });
}

const rowCount = (s: Record<string, string[]>) => Object.values(s).reduce((n, rows) => n + rows.length, 0);

async function countRows(db: Database, table: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`);
  return row?.n ?? 0;
}

/** Builds an installation with two companies, several users and tokens, odd strings and exact numbers. */
async function populate(db: Database): Promise<void> {
  const demo = await ensureDemo(db, CLI_ACTOR, { email: 'admin@demo.trastienda.test', password: 'demo-admin-password' });
  const ctx = { db, companyId: demo.company.id, actor: CLI_ACTOR };
  const other = await createCompany(
    db,
    CLI_ACTOR,
    {
      slug: 'otra',
      name: NASTY[0] as string,
      address: NASTY[1],
      baseCurrency: 'USD',
      country: 'US',
      fiscalYearStartMonth: 4,
      locale: 'en',
    },
    null,
  );
  const members = [];
  for (const [i, name] of NASTY.entries()) {
    members.push(await createMember(ctx, { email: `user${i}@trastienda.test`, password: 'a-long-password', name, roles: ['admin'] }));
  }
  const first = members[0];
  if (!first) throw new Error('no member');
  // The same person in the second company.
  await createMember(
    { db, companyId: other.id, actor: CLI_ACTOR },
    { email: first.email, password: 'x'.repeat(12), name: 'x', roles: ['accountant'] },
  );
  await createApiToken(ctx, first.id, { name: NASTY[2] as string });
  await createApiToken(ctx, first.id, { name: 'expiring', expiresAt: new Date(Date.now() + 86_400_000) });
  await createApiToken({ db, companyId: other.id, actor: CLI_ACTOR }, first.id, { name: NASTY[1] as string });
  for (const company of [demo.company.id, other.id]) {
    await db.system(async (tx) => {
      for (const text of NASTY) {
        await appendAudit(
          tx,
          company,
          { userId: first.id, label: text, requestId: text },
          {
            action: 'test.nasty',
            entityType: 'note',
            entityId: text,
            before: { text, nested: [text, { deeper: text }] },
            after: { amount: '1234567890123456.78', n: 42, ok: true, none: null },
          },
        );
      }
    });
  }
  // Rows in the remaining tables, with numbers that a float would spoil.
  await db.query(
    `INSERT INTO jobs (company_id, id, name, payload, status, progress, result)
     VALUES ($1, $2, 'report.build', '{"big": 123456789012345678901234567890, "exact": 0.1000000000000000000001}', 'succeeded', 100, $3)`,
    [demo.company.id, newId(), JSON.stringify({ note: NASTY[2] })],
  );
  await db.query(`INSERT INTO outbox_events (company_id, id, type, payload) VALUES ($1, $2, 'test.happened', $3)`, [
    other.id,
    newId(),
    JSON.stringify({ text: NASTY[1] }),
  ]);
  await db.query(
    `INSERT INTO idempotency_keys (company_id, user_id, key, method, path, request_hash, status_code, response_body, response_type, completed_at)
     VALUES ($1, $2, $3, 'POST', '/api/v1/users', 'abc', 201, $4, 'application/json', now())`,
    [demo.company.id, first.id, NASTY[2], JSON.stringify({ name: NASTY[0] })],
  );
  await createSession(db, first.id, demo.company.id, { userAgent: NASTY[1], ip: '127.0.0.1' });
}

describe('backup and restore', () => {
  let source: Database;
  let tmp: string;
  let file: string;
  let header: BackupHeader;
  let expected: Record<string, string[]>;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'trastienda-backup-'));
    file = path.join(tmp, 'installation.backup.gz');
    source = await freshDatabase('pglite');
    await populate(source);
    expected = await snapshot(source);
    header = await backupTo(source, file);
  }, 60_000);

  afterAll(async () => {
    await source?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('writes a gzip of JSON lines: a header with migrations and counts, then rows in foreign-key order', async () => {
    const lines = gunzipSync(fs.readFileSync(file)).toString('utf8').trimEnd().split('\n');
    const head = JSON.parse(lines[0] as string) as BackupHeader;
    expect(head).toEqual(header);
    expect(head.format).toBe(BACKUP_FORMAT);
    const [migrations] = await source.query<{ v: string[] }>('SELECT array_agg(version ORDER BY version) AS v FROM schema_migrations');
    expect(head.migrations).toEqual(migrations?.v);
    expect(head.tables.map((t) => t.name)).not.toContain('sessions');
    expect(head.tables.map((t) => t.name)).not.toContain('schema_migrations');
    for (const t of head.tables) expect(t.rows, t.name).toBe(expected[t.name]?.length);
    expect(lines.length - 1).toBe(rowCount(expected));
    const order = head.tables.map((t) => t.name);
    const comesBefore = (a: string, b: string) => expect(order.indexOf(a), `${a} before ${b}`).toBeLessThan(order.indexOf(b));
    comesBefore('companies', 'memberships');
    comesBefore('users', 'memberships');
    comesBefore('memberships', 'api_tokens');
    comesBefore('companies', 'audit_events');
    // Each table's rows are contiguous and in header order.
    const seen = lines.slice(1).map((l) => (JSON.parse(l) as { t: string }).t);
    const runs = seen.filter((t, i) => i === 0 || seen[i - 1] !== t);
    expect(runs).toEqual(order.filter((t) => (expected[t]?.length ?? 0) > 0));
    // No session ever leaves the installation.
    expect(lines.some((l) => l.includes('"t":"sessions"'))).toBe(false);
  });

  for (const engine of ENGINES) {
    it(`restores into a fresh ${engine} installation row for row, with every audit chain intact`, async () => {
      const target = await freshDatabase(engine);
      try {
        const restored = await restoreFrom(target, file);
        expect(restored.tables).toEqual(header.tables);
        const actual = await snapshot(target);
        expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
        for (const table of Object.keys(expected)) expect(actual[table], table).toEqual(expected[table]);
        expect(await countRows(target, 'sessions')).toBe(0);
        const companies = await listAllCompanies(target);
        expect(companies.map((c) => c.slug).sort()).toEqual(['demo', 'otra']);
        for (const c of companies) {
          const result = await verifyAuditChain(target, c.id);
          expect(result.firstBroken).toBeNull();
          expect(result.ok).toBe(true);
          expect(result.checked).toBeGreaterThan(NASTY.length);
        }
        // The exact number survives both engines' JSON handling.
        const [job] = await target.query<{ big: string }>(`SELECT payload->>'big' AS big FROM jobs`);
        expect(job?.big).toBe('123456789012345678901234567890');
        // The restored installation is usable: a new audit event chains on.
        const demo = companies.find((c) => c.slug === 'demo');
        if (!demo) throw new Error('no demo');
        await target.system((tx) => appendAudit(tx, demo.id, CLI_ACTOR, { action: 'after.restore', entityType: 'test' }));
        expect((await verifyAuditChain(target, demo.id)).ok).toBe(true);

        await expectRefusedWithoutWrites(target, file, /empty installation/);
      } finally {
        await target.close();
      }
    }, 60_000);
  }

  it('refuses to restore into the installation the backup came from, writing nothing', async () => {
    await expectRefusedWithoutWrites(source, file, /empty installation/);
  });

  for (const engine of ENGINES) {
    it(`refuses a file cut short (whole lines missing), naming the file, and writes nothing [${engine}]`, async () => {
      const lines = gunzipSync(fs.readFileSync(file)).toString('utf8').trimEnd().split('\n');
      const cut = path.join(tmp, `cut-lines-${engine}.backup.gz`);
      // Keep the header and most rows: several tables load before the count check fails, so only the
      // single transaction keeps them out.
      fs.writeFileSync(cut, gzipSync(`${lines.slice(0, lines.length - 3).join('\n')}\n`));
      await expectRefusedOnFresh(cut, /truncated/, engine);
    });
  }

  it('refuses a gzip stream cut mid-way, naming the file, and writes nothing', async () => {
    const bytes = fs.readFileSync(file);
    const cut = path.join(tmp, 'cut-bytes.backup.gz');
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.8)));
    await expectRefusedOnFresh(cut, /truncated|corrupt|unexpected end of file|unreadable/i);
  });

  it('refuses a file that is not gzip, or gzip but not a backup, naming the file', async () => {
    const plain = path.join(tmp, 'plain.txt');
    fs.writeFileSync(plain, `${JSON.stringify({ format: BACKUP_FORMAT })}\n`);
    await expectRefusedOnFresh(plain, /not a Trastienda backup/);
    const other = path.join(tmp, 'other.gz');
    fs.writeFileSync(other, gzipSync('{"hello": "world"}\n'));
    await expectRefusedOnFresh(other, /not a Trastienda backup/);
  });

  it('refuses a file that does not exist, naming the file', async () => {
    await expectRefusedOnFresh(path.join(tmp, 'missing.backup.gz'), /no such file|does not exist|not found/i);
  }, 5_000);

  it('round-trips text holding U+2028 / U+2029 line separators', async () => {
    const small = await freshDatabase('pglite');
    const target = await freshDatabase('pglite');
    try {
      const demo = await ensureDemo(small, CLI_ACTOR, { email: 'admin@demo.trastienda.test', password: 'demo-admin-password' });
      await small.system((tx) =>
        appendAudit(tx, demo.company.id, CLI_ACTOR, { action: 'note.added', entityType: 'note', after: { text: LINE_SEPARATORS } }),
      );
      const separators = path.join(tmp, 'separators.backup.gz');
      await backupTo(small, separators);
      await restoreFrom(target, separators);
      expect(await snapshot(target)).toEqual(await snapshot(small));
      expect((await verifyAuditChain(target, demo.company.id)).ok).toBe(true);
    } finally {
      await small.close();
      await target.close();
    }
  });

  async function expectRefusedOnFresh(bad: string, message: RegExp, engine: EngineName = 'pglite'): Promise<void> {
    const target = await freshDatabase(engine);
    try {
      await expectRefusedWithoutWrites(target, bad, message);
      expect(rowCount(await snapshot(target))).toBe(0);
    } finally {
      await target.close();
    }
  }

  async function expectRefusedWithoutWrites(target: Database, bad: string, message: RegExp): Promise<void> {
    const before = await snapshot(target);
    const error = await restoreFrom(target, bad).then(
      () => null,
      (err: unknown) => err as Error,
    );
    expect(error, 'the restore should be refused').toBeInstanceOf(Error);
    expect(error?.message).toMatch(message);
    if (!/empty installation/.test(error?.message ?? '')) expect(error?.message).toContain(bad);
    expect(await snapshot(target)).toEqual(before);
  }
});
