// The `trastienda` command's externally checked contract, run as real child processes against an
// embedded data directory: exit codes (0 ok, 1 failure, 2 usage), the token on the last line, bad usage
// writing nothing, the server accepting the CLI's token, and `audit verify` catching a tampered event.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../platform/db/pglite-engine.ts';
import { startServer } from '../server.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/trastienda.mjs');
const ADMIN_EMAIL = 'admin@demo.trastienda.test';
const EMAIL = 'lucia.contract@trastienda.test';
const PASSWORD = 'contract-pass-2024';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let tmp: string;
let dataDir: string;

function cli(...args: string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, TRASTIENDA_DATA: dataDir, LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  delete env.TRASTIENDA_ADMIN_EMAIL;
  delete env.TRASTIENDA_ADMIN_PASSWORD;
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env, timeout: 90_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

const lastLine = (s: string) => s.trimEnd().split('\n').at(-1) ?? '';

describe('trastienda CLI contract (child processes, embedded engine)', () => {
  let token = '';

  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'trastienda-cli-'));
    dataDir = path.join(tmp, 'data');
  });

  afterAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('demo creates the demo company on an empty data dir, and a second run changes nothing', async () => {
    const first = await cli('demo');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Created the demo company "Demo Trastienda S.L." (demo)');
    expect(first.stdout).toContain(`Admin: ${ADMIN_EMAIL} / `);

    const second = await cli('demo');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('The demo company already exists');
    expect(second.stdout).not.toContain('Admin:');
  }, 120_000);

  it('user create, token create (token on the last line) and audit verify exit 0', async () => {
    const user = await cli('user', 'create', '--email', EMAIL, '--password', PASSWORD, '--role', 'admin');
    expect(user.stderr).toBe('');
    expect(user.code).toBe(0);
    expect(user.stdout).toContain(EMAIL);

    const created = await cli('token', 'create', '--user', EMAIL);
    expect(created.code).toBe(0);
    token = lastLine(created.stdout);
    expect(token).toMatch(/^trs_[A-Za-z0-9_-]{20,}$/);

    const verify = await cli('audit', 'verify');
    expect(verify.code).toBe(0);
    // Every event so far, the modules' demo data included (counted in the next test).
    expect(verify.stdout).toMatch(/demo: intact \(\d+ events\)/);
  }, 120_000);

  it('bad usage exits 2 with a message on stderr and writes nothing', async () => {
    const [badEmail, unknown, missing, noUser] = await Promise.all([
      cli('user', 'create', '--email', 'not-an-email', '--password', PASSWORD, '--role', 'admin'),
      cli('frobnicate'),
      cli('user', 'create', '--email', 'missing.password@trastienda.test', '--role', 'admin'),
      // Reaches the database, finds no such user: still a usage error, and nothing written.
      cli('token', 'create', '--user', 'nobody@trastienda.test'),
    ]);
    for (const [run, message] of [
      [badEmail, /--email/],
      [unknown, /unknown command 'frobnicate'/],
      [missing, /--password/],
      [noUser, /no user nobody@trastienda\.test/],
    ] as const) {
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stdout).not.toMatch(/trs_|Created/);
    }

    // The installation holds exactly what the successful commands made: no second demo company, no
    // second admin, no user from the refused commands, one token, and the audit events of what succeeded.
    const db = await openPglite({ dataDir });
    try {
      const companies = await db.query<{ slug: string }>('SELECT slug FROM companies');
      expect(companies.map((c) => c.slug)).toEqual(['demo']);
      const users = await db.query<{ email: string }>('SELECT email FROM users ORDER BY email');
      expect(users.map((u) => u.email)).toEqual([ADMIN_EMAIL, EMAIL].sort());
      const [tokens] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM api_tokens');
      expect(tokens?.n).toBe(1);
      const events = (await db.query<{ action: string }>('SELECT action FROM audit_events ORDER BY seq')).map((e) => e.action);
      // The modules' sample data for the demo company: payment terms and tax codes at its creation, parties after.
      const sample = (action: string) => action.startsWith('parties.') || action.startsWith('taxes.');
      expect(events.filter(sample)).toEqual([
        ...Array(4).fill('parties.payment_terms.created'),
        ...Array(13).fill('taxes.code.created'),
        ...Array(30).fill('parties.party.created'),
      ]);
      expect(events.filter((action) => !sample(action))).toEqual([
        'company.created',
        'ledger.chart.applied',
        'user.created',
        'user.created',
        'api_token.created',
      ]);
    } finally {
      await db.close();
    }
  }, 120_000);

  it('the server on the same data dir accepts the CLI token', async () => {
    const server = await startServer({ dataDir, port: 0, host: '127.0.0.1', log: false });
    try {
      const res = await fetch(`${server.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      const me = (await res.json()) as { user: { email: string }; via: string; roles: string[] };
      expect(me.user.email).toBe(EMAIL);
      expect(me.via).toBe('token');
      expect(me.roles).toContain('admin');

      const wrong = await fetch(`${server.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}x` } });
      expect(wrong.status).toBe(401);
    } finally {
      await server.close();
    }
  }, 60_000);

  it('audit verify exits 1 naming the first tampered event', async () => {
    const db = await openPglite({ dataDir });
    try {
      await db.exec('ALTER TABLE audit_events DISABLE TRIGGER USER');
      await db.exec(`UPDATE audit_events SET action = 'x' WHERE seq = 2`);
      await db.exec('ALTER TABLE audit_events ENABLE TRIGGER USER');
    } finally {
      await db.close();
    }
    const verify = await cli('audit', 'verify');
    expect(verify.code).toBe(1);
    expect(verify.stdout).toMatch(/demo: BROKEN at event 2\b/);
  }, 60_000);
});
