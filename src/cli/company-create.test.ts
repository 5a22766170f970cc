import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { openPglite } from '../platform/db/pglite-engine.ts';
import { runCli } from './main.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trastienda-company-cli-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...args) => void out.push(args.join(' ')));
  const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err.push(String(chunk));
    return true;
  });
  try {
    const code = await runCli(argv);
    return { code, out: out.join('\n'), err: err.join('') };
  } finally {
    log.mockRestore();
    write.mockRestore();
  }
}

it('creates companies from the CLI, with the generic chart or none, and refuses bad input with exit 2', async () => {
  vi.stubEnv('TRASTIENDA_DATA', dataDir);
  vi.stubEnv('DATABASE_URL', '');
  try {
    const created = await run('company', 'create', '--slug', 'acme', '--name', 'ACME Inc', '--currency', 'usd', '--country', 'us');
    expect(created).toMatchObject({ code: 0, out: expect.stringContaining('acme (ACME Inc, USD, US)') });
    expect(await run('company', 'create', '--slug', 'bare', '--name', 'Bare', '--currency', 'EUR', '--chart', 'none')).toMatchObject({
      code: 0,
    });
    const badCurrency = await run('company', 'create', '--slug', 'x', '--name', 'X', '--currency', 'euro');
    expect(badCurrency).toMatchObject({ code: 2, err: expect.stringContaining('baseCurrency') });
    expect(await run('company', 'create', '--slug', 'y', '--name', 'Y')).toMatchObject({ code: 2 });
    expect((await run('company', 'create', '--slug', 'acme', '--name', 'Again', '--currency', 'EUR')).code).toBe(1);

    const db = await openPglite({ dataDir });
    try {
      const rows = await db.query<{ slug: string; accounts: number }>(
        `SELECT c.slug, (SELECT count(*)::int FROM accounts a WHERE a.company_id = c.id) AS accounts FROM companies c ORDER BY c.slug`,
      );
      expect(rows.map((r) => r.slug)).toEqual(['acme', 'bare']);
      expect(rows.find((r) => r.slug === 'acme')?.accounts).toBeGreaterThan(10);
      expect(rows.find((r) => r.slug === 'bare')?.accounts).toBe(0);
    } finally {
      await db.close();
    }
  } finally {
    vi.unstubAllEnvs();
  }
}, 60_000);
