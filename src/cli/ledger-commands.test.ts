import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { runCli } from './main.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trastienda-ledger-cli-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
const fixture = (name: string) => path.join(import.meta.dirname, '..', 'modules', 'ledger', 'plain-text', 'fixtures', name);
const hasHledger = spawnSync('hledger', ['--version']).status === 0;

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...args) => void out.push(args.join(' ')));
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out.push(String(chunk));
    return true;
  });
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err.push(String(chunk));
    return true;
  });
  try {
    const code = await runCli(argv);
    return { code, out: out.join(''), err: err.join('') };
  } finally {
    log.mockRestore();
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

it('imports a journal, reports its trial balance as hledger does, exports it and refuses bad files with file:line', async () => {
  vi.stubEnv('TRASTIENDA_DATA', dataDir);
  vi.stubEnv('DATABASE_URL', '');
  try {
    expect((await run('company', 'create', '--slug', 'books', '--name', 'Books', '--currency', 'EUR', '--chart', 'none')).code).toBe(0);
    const imported = await run('ledger', 'import', fixture('multi-commodity.journal'), '--company', 'books');
    expect(imported).toMatchObject({ code: 0, out: expect.stringMatching(/^Imported 8 entries \(23 lines/) });
    expect(imported.err).toContain('Importing multi-commodity.journal');

    const json = await run('report', 'trial-balance', '--company', 'books', '--format', 'json');
    expect(json.code).toBe(0);
    const rows = JSON.parse(json.out) as { account: string; commodity: string; debit: string; credit: string; balance: string }[];
    expect(rows).toContainEqual({ account: 'Assets:Broker', commodity: 'ACME Corp', debit: '12.00', credit: '0.00', balance: '12.00' });
    for (const r of rows) expect(Object.keys(r)).toEqual(['account', 'commodity', 'debit', 'credit', 'balance']);

    const csv = await run('report', 'trial-balance', '--company', 'books', '--format', 'csv', '--to', '2024-01-01');
    expect(csv.out.split('\n')[0]).toBe('account,commodity,debit,credit,balance');
    const table = await run('report', 'trial-balance', '--company', 'books', '--format', 'table');
    expect(table.out).toMatch(/^account\s+commodity\s+debit\s+credit\s+balance\n/);

    const exported = path.join(dataDir, 'out.journal');
    expect((await run('ledger', 'export', '--company', 'books', '--format', 'journal', '--output', exported)).code).toBe(0);
    if (hasHledger) {
      const check = spawnSync('hledger', ['-f', exported, 'check'], { encoding: 'utf8' });
      expect(check.stderr).toBe('');
    }
    expect((await run('company', 'create', '--slug', 'again', '--name', 'Again', '--currency', 'EUR', '--chart', 'none')).code).toBe(0);
    expect((await run('ledger', 'import', exported, '--company', 'again')).code).toBe(0);
    const again = await run('report', 'trial-balance', '--company', 'again', '--format', 'json');
    expect(JSON.parse(again.out)).toEqual(rows);

    const bad = path.join(dataDir, 'bad.journal');
    fs.writeFileSync(
      bad,
      '2024-01-01 fine\n    Assets:A  1 EUR\n    Equity:B\n\n2024-01-02 broken\n    Assets:A  1 EUR\n    Equity:B  -2 EUR\n',
    );
    const refused = await run('ledger', 'import', bad, '--company', 'again');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('bad.journal:5: unbalanced transaction');
    expect(JSON.parse((await run('report', 'trial-balance', '--company', 'again', '--format', 'json')).out)).toEqual(rows);

    expect((await run('ledger', 'import', path.join(dataDir, 'missing.journal'), '--company', 'again')).code).toBe(2);
    expect((await run('report', 'trial-balance', '--company', 'nobody', '--format', 'json')).code).toBe(2);
    expect((await run('report', 'trial-balance', '--company', 'again', '--from', '2024-13-01')).code).toBe(2);
    expect((await run('report', 'trial-balance', '--company', 'again', '--format', 'xml')).code).toBe(2);
  } finally {
    vi.unstubAllEnvs();
  }
}, 120_000);
